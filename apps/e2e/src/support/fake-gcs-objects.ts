/** An object as the GCS JSON API lists it (the fields these suites read). */
export interface ListedObject {
  readonly name: string;
  readonly contentType?: string;
}

/** Lists the objects of `bucket` under `prefix` through the GCS JSON API at `gcsUrl` (the fake GCS process). */
export async function listObjects(gcsUrl: string, bucket: string, prefix: string): Promise<ListedObject[]> {
  const response = await fetch(`${gcsUrl}/storage/v1/b/${bucket}/o?prefix=${encodeURIComponent(prefix)}`);
  const body = (await response.json()) as { items?: ListedObject[] };
  return body.items ?? [];
}

/** Downloads object `name` of `bucket` as text through the GCS JSON API at `gcsUrl`. */
export async function downloadObject(gcsUrl: string, bucket: string, name: string): Promise<string> {
  const response = await fetch(`${gcsUrl}/storage/v1/b/${bucket}/o/${encodeURIComponent(name)}?alt=media`);
  return response.text();
}
