// The information report printed to PDF with the system's Chromium; the text is read back
// with poppler's pdftotext to prove the Chinese survived (a missing CJK font drops or boxes it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { buildReportView } from '../src/report/report-model.ts';
import { renderInformationReport } from '../src/report/render-report.ts';
import { renderPdf, pdfAvailable, PdfUnavailableError } from '../src/report/render-pdf.ts';
import { sampleInput } from '../src/report/testing/sample-incident.ts';
import { skipUnlessCi } from './support/peers.ts';

const hasChromium = pdfAvailable();
const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'report-pdf-'));
  try {
    const file = path.join(dir, 'r.pdf');
    writeFileSync(file, pdf);
    const r = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a missing Chromium gives a clear error', async () => {
  await assert.rejects(renderPdf('<p>x</p>', { executablePath: '/nonexistent/chromium' }),
    (e: unknown) => e instanceof PdfUnavailableError && /Chromium/.test(e.message) && /Markdown and HTML/.test(e.message));
});

test('information report prints to an A4 PDF with the Chinese text intact', {
  skip: skipUnlessCi(!hasChromium ? 'peer missing: chromium is not installed at /usr/bin/chromium (Debian package "chromium")' : !hasPdftotext ? 'peer missing: pdftotext is not installed (Debian package "poppler-utils")' : false),
  timeout: 120_000,
}, async () => {
  const { html } = renderInformationReport(buildReportView(sampleInput({ drill: true })), { lang: 'both' });
  const pdf = await renderPdf(html);
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  // A4 is 210 × 297 mm = 595.3 × 841.9 points.
  const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
  assert.ok(box, 'the PDF has a page size');
  assert.ok(Math.abs(Number(box[1]) - 595.3) < 1 && Math.abs(Number(box[2]) - 841.9) < 1, `A4 pages, got ${box[1]} × ${box[2]}`);
  const text = pdfText(pdf);
  for (const s of ['信息报告', '重大', '橙色预警', '互联网应急办', '已采取的措施', 'DRILL', '演练', 'ns-c', 'D-2026-017']) {
    assert.ok(text.includes(s), `PDF text has ${s}`);
  }
});
