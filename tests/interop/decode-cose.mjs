// Decodes a COSE_Sign1 envelope (a Notary Project signature, application/cose) with the npm `cbor` decoder, an
// implementation independent of .NET's System.Formats.Cbor, and prints what it holds as JSON: the tag, every protected
// and unprotected header (byte strings as hex, tags as {tag, value}), the payload and the signature.
// With OUT, it also re-encodes the decoded message with the same package and writes it there.
// Usage: node decode-cose.mjs ENVELOPE [OUT]
// Exit 0: decoded. Exit 1: not a COSE_Sign1 message (the reason is printed). Exit 2: usage.
import { readFileSync, writeFileSync } from 'node:fs';
import cbor from 'cbor';

const [envelopePath, outPath] = process.argv.slice(2);
if (!envelopePath) {
  console.error('usage: node decode-cose.mjs ENVELOPE [OUT]');
  process.exit(2);
}

// Keep tags as they are written (tag 1 would otherwise become a Date, tag 18 a bare Tagged).
const keepTag = (tag) => (value) => ({ tag, value });
const options = { preferMap: true, tags: { 1: keepTag(1), 18: keepTag(18) } };

const describe = (value) => {
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return { bstr: Buffer.from(value).toString('hex') };
  if (value instanceof Map) return [...value.entries()].map(([k, v]) => [describe(k), describe(v)]);
  if (Array.isArray(value)) return value.map(describe);
  if (value && typeof value === 'object' && 'tag' in value && 'value' in value) return { tag: value.tag, value: describe(value.value) };
  if (typeof value === 'bigint') return value.toString();
  return value;
};

try {
  const message = cbor.decodeFirstSync(readFileSync(envelopePath), options);
  if (!message || message.tag !== 18 || !Array.isArray(message.value) || message.value.length !== 4) {
    throw new Error('not a COSE_Sign1_Tagged message (tag 18 around a 4-element array)');
  }
  const [protectedBytes, unprotectedMap, payload, signature] = message.value;
  if (!Buffer.isBuffer(protectedBytes) || !(unprotectedMap instanceof Map) || !Buffer.isBuffer(payload) || !Buffer.isBuffer(signature)) {
    throw new Error('COSE_Sign1 fields must be bstr, map, bstr, bstr');
  }
  const protectedMap = cbor.decodeFirstSync(protectedBytes, options);
  if (!(protectedMap instanceof Map)) {
    throw new Error('the protected header is not a map');
  }
  console.log(JSON.stringify({
    tag: message.tag,
    protected: describe(protectedMap),
    unprotected: describe(unprotectedMap),
    payload: payload.toString('hex'),
    signature: signature.toString('hex'),
  }));
  if (outPath) {
    writeFileSync(outPath, cbor.encodeOne(new cbor.Tagged(18, [protectedBytes, unprotectedMap, payload, signature])));
  }
} catch (error) {
  console.error(`not decoded: ${error.message}`);
  process.exit(1);
}
