// Inputs nested far deeper than any real document, built without recursion (a recursive encoder would overflow
// the stack building them, which is the very thing the cases check the worker and the CLI do not do).

/** `[[[…]]]`: `depth` nested JSON arrays. */
export function nestedJsonArrays(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

/** A Firestore `fields` map in proto3 JSON whose field `deep` nests `depth` map values: `{"deep":{"mapValue":…}}`. */
export function nestedFirestoreFieldsJson(depth: number): string {
  const open = '{"mapValue":{"fields":{"a":';
  const close = '}}}';
  return `{"deep":${open.repeat(depth)}{"stringValue":"x"}${close.repeat(depth)}}`;
}

/**
 * A protobuf `DocumentEventData` for `documentName` whose field `deep` nests `depth` map values. Each level is a
 * prefix of the bytes inside it, so the message is the levels' prefixes, outermost first, then the innermost value.
 */
export function nestedDocumentEventData(documentName: string, depth: number): Buffer {
  const innermost = Buffer.from([0x8a, 0x01, 0x01, 0x78]); // Value.string_value (17) = "x"
  const prefixes: Buffer[] = [];
  let length = innermost.byteLength;
  for (let level = 0; level < depth; level += 1) {
    const prefix = valueOfMap(length);
    prefixes.push(prefix);
    length += prefix.byteLength;
  }
  const name = Buffer.from(documentName, 'utf8');
  const entry = mapEntryHead(length); // Document.fields entry, keyed "a" like every level
  const fields = Buffer.from([0x12, ...varint(entry.byteLength + length)]); // Document.fields (2)
  const documentHead = Buffer.concat([Buffer.from([0x0a, ...varint(name.byteLength)]), name, fields, entry]);
  const value = Buffer.from([0x0a, ...varint(documentHead.byteLength + length)]); // DocumentEventData.value (1)
  return Buffer.concat([value, documentHead, ...prefixes.reverse(), innermost]);
}

/** The bytes in front of a Value of `inner` bytes that make it `Value{map_value: MapValue{fields: {"a": inner}}}`. */
function valueOfMap(inner: number): Buffer {
  const entry = mapEntryHead(inner);
  const mapValue = Buffer.from([0x0a, ...varint(entry.byteLength + inner)]); // MapValue.fields (1)
  const value = Buffer.from([0x32, ...varint(mapValue.byteLength + entry.byteLength + inner)]); // Value.map_value (6)
  return Buffer.concat([value, mapValue, entry]);
}

/** A map entry `{key: "a", value: <inner bytes>}` up to its value's bytes. */
function mapEntryHead(inner: number): Buffer {
  return Buffer.from([0x0a, 0x01, 0x61, 0x12, ...varint(inner)]);
}

function varint(n: number): number[] {
  const out: number[] = [];
  let rest = n;
  while (rest > 0x7f) {
    out.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
  return out;
}
