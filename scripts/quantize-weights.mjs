// Re-quantizes a TFJS graph model's float weights to 8 bits per value (affine, per tensor:
// value = min + scale * q), the format tfjs-converter decodes natively. Writes
// OUT.json + OUT.bin. Usage: node scripts/quantize-weights.mjs IN.json OUT_PREFIX
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

const [input, outPrefix] = process.argv.slice(2);
if (!input || !outPrefix) throw new Error('usage: node scripts/quantize-weights.mjs IN.json OUT_PREFIX');

const model = JSON.parse(readFileSync(input, 'utf8'));
const groups = model.weightsManifest;
const bytes = Buffer.concat(groups.flatMap((g) => g.paths.map((p) => readFileSync(resolve(dirname(input), p)))));

/** IEEE half → float. */
function halfToFloat(h) {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

const BYTES = { float32: 4, int32: 4, float16: 2, uint16: 2, uint8: 1 };
const out = [];
const weights = [];
let offset = 0;
for (const group of groups) {
  for (const spec of group.weights) {
    const count = spec.shape.reduce((a, b) => a * b, 1);
    const stored = spec.quantization?.dtype ?? spec.dtype;
    const size = count * BYTES[stored];
    const raw = bytes.subarray(offset, offset + size);
    offset += size;
    if (spec.dtype !== 'float32') {
      out.push(Buffer.from(raw));
      weights.push(spec);
      continue;
    }
    const values = new Float32Array(count);
    for (let i = 0; i < count; i++) {
      if (stored === 'float32') values[i] = raw.readFloatLE(i * 4);
      else if (stored === 'float16') values[i] = halfToFloat(raw.readUInt16LE(i * 2));
      else if (stored === 'uint8') values[i] = spec.quantization.min + spec.quantization.scale * raw[i];
      else throw new Error(`unsupported stored dtype ${stored}`);
    }
    let min = Infinity;
    let max = -Infinity;
    for (const v of values) (min = Math.min(min, v)), (max = Math.max(max, v));
    const scale = max > min ? (max - min) / 255 : 1;
    const quantized = Buffer.alloc(count);
    for (let i = 0; i < count; i++) quantized[i] = Math.round((values[i] - min) / scale);
    out.push(quantized);
    weights.push({ name: spec.name, shape: spec.shape, dtype: 'float32', quantization: { dtype: 'uint8', min, scale, original_dtype: 'float32' } });
  }
}
if (offset !== bytes.length) throw new Error(`read ${offset} of ${bytes.length} weight bytes`);
const binName = `${basename(outPrefix)}.bin`;
model.weightsManifest = [{ paths: [binName], weights }];
writeFileSync(`${outPrefix}.bin`, Buffer.concat(out));
writeFileSync(`${outPrefix}.json`, JSON.stringify(model));
console.log(`${input}: ${bytes.length} → ${Buffer.concat(out).length} weight bytes (${weights.length} tensors)`);
