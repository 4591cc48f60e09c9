// Draws images/icon.png (128×128): a scope ring holding three task dots — a nursery. No image tools needed.
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const size = 128;
const pixels = Buffer.alloc(size * size * 4);
const put = (x, y, [r, g, b, a]) => {
  const i = (y * size + x) * 4;
  pixels[i] = r; pixels[i + 1] = g; pixels[i + 2] = b; pixels[i + 3] = a;
};
const background = [30, 41, 59, 255];
const ring = [52, 211, 153, 255];
const task = [251, 191, 36, 255];
for (let y = 0; y < size; y++) {
  for (let x = 0; x < size; x++) {
    const dx = x - 63.5, dy = y - 63.5, d = Math.hypot(dx, dy);
    const corner = Math.hypot(Math.max(Math.abs(dx) - 44, 0), Math.max(Math.abs(dy) - 44, 0)) > 20;
    let color = corner ? [0, 0, 0, 0] : background;
    if (d > 40 && d < 50) color = ring;
    for (const [cx, cy] of [[48, 54], [79, 54], [63.5, 80]]) if (Math.hypot(x - cx, y - cy) < 10) color = task;
    put(x, y, color);
  }
}
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const body = Buffer.concat([Buffer.from(type), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
};
const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0); header.writeUInt32BE(size, 4);
header[8] = 8; header[9] = 6; // 8-bit RGBA
const rows = Buffer.concat(Array.from({ length: size }, (_, y) => Buffer.concat([Buffer.from([0]), pixels.subarray(y * size * 4, (y + 1) * size * 4)])));
const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", header), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]);
writeFileSync(new URL("../images/icon.png", import.meta.url), png);
