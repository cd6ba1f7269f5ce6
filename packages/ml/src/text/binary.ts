/**
 * A compact binary container for model weights: named tensors, float32 or int8 with one float32
 * scale per row (symmetric quantisation, max |value| → 127). Layout:
 *   "STW1" · uint32 LE header length · JSON header · zero padding to 4 bytes · tensor bytes
 * The header lists {name, dtype, shape, offset, bytes} per tensor (offsets relative to the data start).
 */
import { readFileSync, writeFileSync } from 'node:fs';

const MAGIC = 'STW1';

export type Tensor = { shape: number[]; data: Float32Array };

interface Entry {
  name: string;
  dtype: 'f32' | 'i8';
  shape: number[];
  offset: number;
  bytes: number;
}

/** Per-row symmetric int8 quantisation of a rows × cols matrix. */
export function quantizeRows(data: Float32Array, rows: number, cols: number): { q: Int8Array; scales: Float32Array } {
  const q = new Int8Array(rows * cols);
  const scales = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let c = 0; c < cols; c++) max = Math.max(max, Math.abs(data[r * cols + c] as number));
    const scale = max / 127 || 1;
    scales[r] = scale;
    for (let c = 0; c < cols; c++) q[r * cols + c] = Math.round((data[r * cols + c] as number) / scale);
  }
  return { q, scales };
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

/**
 * Writes tensors; those named in `quantize` (2-D only) are stored as int8 rows plus scales.
 * Returns the file size in bytes.
 */
export function writeTensors(path: string, tensors: Record<string, Tensor>, quantize: ReadonlySet<string> = new Set()): number {
  const entries: Entry[] = [];
  const blobs: Uint8Array[] = [];
  let offset = 0;
  const push = (name: string, dtype: Entry['dtype'], shape: number[], bytes: Uint8Array) => {
    entries.push({ name, dtype, shape, offset, bytes: bytes.byteLength });
    blobs.push(bytes);
    const padded = align4(bytes.byteLength);
    if (padded > bytes.byteLength) blobs.push(new Uint8Array(padded - bytes.byteLength));
    offset += padded;
  };
  for (const [name, t] of Object.entries(tensors)) {
    if (t.data.length !== t.shape.reduce((a, b) => a * b, 1)) throw new Error(`tensor ${name}: shape does not match data`);
    if (quantize.has(name)) {
      const [rows, cols] = t.shape;
      if (t.shape.length !== 2 || rows === undefined || cols === undefined) throw new Error(`tensor ${name}: only 2-D tensors are quantised`);
      const { q, scales } = quantizeRows(t.data, rows, cols);
      push(name, 'i8', t.shape, new Uint8Array(q.buffer));
      push(`${name}.scales`, 'f32', [rows], new Uint8Array(scales.buffer));
    } else {
      push(name, 'f32', t.shape, new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
    }
  }
  const header = Buffer.from(JSON.stringify(entries), 'utf8');
  const prefix = Buffer.alloc(align4(8 + header.byteLength));
  prefix.write(MAGIC, 0, 'ascii');
  prefix.writeUInt32LE(header.byteLength, 4);
  header.copy(prefix, 8);
  const file = Buffer.concat([prefix, ...blobs]);
  writeFileSync(path, file);
  return file.byteLength;
}

/** Reads every tensor back as float32 (int8 tensors are dequantised with their row scales). */
export function readTensors(path: string): Record<string, Tensor> {
  const file = readFileSync(path);
  if (file.toString('ascii', 0, 4) !== MAGIC) throw new Error(`${path} is not a tensor file`);
  const headerLength = file.readUInt32LE(4);
  const entries = JSON.parse(file.toString('utf8', 8, 8 + headerLength)) as Entry[];
  const dataStart = align4(8 + headerLength);
  // Copy into an aligned buffer: typed-array views need 4-byte aligned offsets.
  const data = new Uint8Array(file.byteLength - dataStart);
  data.set(file.subarray(dataStart));
  const raw = new Map(entries.map((e) => [e.name, e]));
  const out: Record<string, Tensor> = {};
  for (const e of entries) {
    if (e.name.endsWith('.scales') && raw.get(e.name.slice(0, -'.scales'.length))?.dtype === 'i8') continue;
    if (e.dtype === 'f32') {
      out[e.name] = { shape: e.shape, data: new Float32Array(data.buffer, e.offset, e.bytes / 4).slice() };
      continue;
    }
    const scalesEntry = raw.get(`${e.name}.scales`);
    if (!scalesEntry) throw new Error(`${path}: ${e.name} has no scales`);
    const q = new Int8Array(data.buffer, e.offset, e.bytes);
    const scales = new Float32Array(data.buffer, scalesEntry.offset, scalesEntry.bytes / 4);
    const cols = e.shape[1] as number;
    const values = new Float32Array(q.length);
    for (let r = 0, i = 0; r < scales.length; r++) {
      const scale = scales[r] as number;
      for (const end = i + cols; i < end; i++) values[i] = (q[i] as number) * scale;
    }
    out[e.name] = { shape: e.shape, data: values };
  }
  return out;
}
