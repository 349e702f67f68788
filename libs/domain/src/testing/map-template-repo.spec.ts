import { MapTemplateRepo } from './map-template-repo.js';
import { describeTemplateRepoContract } from './template-repo.contract.js';

describeTemplateRepoContract('MapTemplateRepo', async (templates) => ({ repo: new MapTemplateRepo(templates) }));
