import { describe, expect, it } from '@jest/globals';
import { pickSetting } from './pick-setting.js';

describe('pickSetting', () => {
  it('prefers the flag, then a non-empty env variable, then the default, naming the source', () => {
    expect(pickSetting({ name: '--f', value: 'a' }, { name: 'F', value: 'b' }, 'c')).toEqual({ value: 'a', source: '--f' });
    expect(pickSetting({ name: '--f', value: undefined }, { name: 'F', value: 'b' }, 'c')).toEqual({ value: 'b', source: 'F' });
    expect(pickSetting({ name: '--f', value: undefined }, { name: 'F', value: '' }, 'c')).toEqual({ value: 'c', source: 'default' });
  });
});
