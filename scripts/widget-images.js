#!/usr/bin/env node
// Draws the widgets' catalogue icons (64 x 64) and preview images (330 x 160) as PNGs under
// static/images: flat shapes in the theme's status colours, written with zlib (no image library).
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const OUT = path.resolve(__dirname, "..", "static", "images");
const COLOURS = {
  background: [255, 255, 255],
  frame: [218, 218, 218],
  text: [96, 96, 96],
  info: [0, 120, 212],
  good: [16, 124, 16],
  warning: [179, 107, 0],
  bad: [205, 74, 69],
  faint: [234, 234, 234],
};

function canvas(width, height) {
  const pixels = Buffer.alloc(width * height * 4);
  const set = (x, y, [r, g, b]) => {
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    const i = (y * width + x) * 4;
    pixels[i] = r;
    pixels[i + 1] = g;
    pixels[i + 2] = b;
    pixels[i + 3] = 255;
  };
  const rect = (x, y, w, h, colour) => {
    for (let j = Math.round(y); j < Math.round(y + h); j++) for (let i = Math.round(x); i < Math.round(x + w); i++) set(i, j, colour);
  };
  const circle = (cx, cy, r, colour) => {
    for (let j = Math.floor(cy - r); j <= Math.ceil(cy + r); j++)
      for (let i = Math.floor(cx - r); i <= Math.ceil(cx + r); i++) if ((i - cx) ** 2 + (j - cy) ** 2 <= r * r) set(i, j, colour);
  };
  rect(0, 0, width, height, COLOURS.background);
  rect(0, 0, width, 1, COLOURS.frame);
  rect(0, height - 1, width, 1, COLOURS.frame);
  rect(0, 0, 1, height, COLOURS.frame);
  rect(width - 1, 0, 1, height, COLOURS.frame);
  return { width, height, pixels, rect, circle };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png({ width, height, pixels }) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) pixels.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", zlib.deflateSync(rows, { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
}

// Each drawing works in a unit box scaled to the image, so icon and preview share it.
const DRAWINGS = {
  "stage-progress"(c, s) {
    const bars = [0.9, 0.7, 0.55, 0.8];
    bars.forEach((v, i) => {
      const y = s.y + i * s.h * 0.24;
      c.rect(s.x, y, s.w * v, s.h * 0.09, COLOURS.info);
      c.rect(s.x, y + s.h * 0.09, s.w * v * 0.92, s.h * 0.07, COLOURS.good);
    });
  },
  "defects-by-severity"(c, s) {
    const cols = 4;
    const rows = 3;
    for (let j = 0; j < rows; j++)
      for (let i = 0; i < cols; i++) {
        const x = s.x + (i * s.w) / cols;
        const y = s.y + (j * s.h) / rows;
        c.rect(x + 1, y + 1, s.w / cols - 3, s.h / rows - 3, COLOURS.faint);
        if ((i + j) % 3 === 0) c.rect(x + s.w / cols - s.w * 0.08, y + 2, s.w * 0.06, s.h * 0.1, COLOURS.bad);
      }
  },
  "exit-criteria"(c, s) {
    const tones = [COLOURS.good, COLOURS.good, COLOURS.warning, COLOURS.bad];
    tones.forEach((tone, i) => {
      const y = s.y + (i + 0.5) * (s.h / tones.length);
      c.circle(s.x + s.h * 0.1, y, s.h * 0.09, tone);
      c.rect(s.x + s.h * 0.28, y - s.h * 0.03, s.w * 0.6, s.h * 0.06, COLOURS.text);
    });
  },
  "participant-readiness"(c, s) {
    c.rect(s.x, s.y, s.w * 0.5, s.h * 0.3, COLOURS.good);
    c.rect(s.x + s.w * 0.5, s.y, s.w * 0.3, s.h * 0.3, COLOURS.warning);
    c.rect(s.x + s.w * 0.8, s.y, s.w * 0.2, s.h * 0.3, COLOURS.bad);
    for (let i = 0; i < 3; i++) {
      const y = s.y + s.h * (0.48 + i * 0.19);
      c.circle(s.x + s.h * 0.07, y, s.h * 0.06, COLOURS.bad);
      c.rect(s.x + s.h * 0.2, y - s.h * 0.025, s.w * (0.7 - i * 0.15), s.h * 0.05, COLOURS.text);
    }
  },
};

fs.mkdirSync(OUT, { recursive: true });
for (const [name, draw] of Object.entries(DRAWINGS)) {
  const icon = canvas(64, 64);
  draw(icon, { x: 8, y: 10, w: 48, h: 44 });
  fs.writeFileSync(path.join(OUT, `${name}-icon.png`), png(icon));
  const preview = canvas(330, 160);
  preview.rect(12, 12, 140, 10, COLOURS.text);
  draw(preview, { x: 12, y: 36, w: 306, h: 112 });
  fs.writeFileSync(path.join(OUT, `${name}-preview.png`), png(preview));
}
console.log(`Wrote ${Object.keys(DRAWINGS).length * 2} images to ${path.relative(process.cwd(), OUT)}`);
