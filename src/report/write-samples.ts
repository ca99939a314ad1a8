// Writes the sample reports of docs/samples from the sample incident: Markdown, HTML, PDF and a
// PNG of the PDF's first page (needs chromium and poppler-utils' pdftoppm).
// Run: node src/report/write-samples.ts [outDir]
import { writeFileSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { buildReportView } from './report-model.ts';
import { renderInformationReport, renderClosingReport } from './render-report.ts';
import { renderPdf } from './render-pdf.ts';
import { sampleInput } from './testing/sample-incident.ts';

const out = path.resolve(process.argv[2] ?? 'docs/samples');
mkdirSync(out, { recursive: true });
const info = renderInformationReport(buildReportView(sampleInput()), { lang: 'both' });
const closing = renderClosingReport(buildReportView(sampleInput({ closed: true })), { lang: 'both' });
writeFileSync(path.join(out, 'information-report.md'), info.markdown);
writeFileSync(path.join(out, 'information-report.html'), info.html);
writeFileSync(path.join(out, 'closing-report.md'), closing.markdown);
writeFileSync(path.join(out, 'closing-report.html'), closing.html);
const pdfPath = path.join(out, 'information-report.pdf');
writeFileSync(pdfPath, await renderPdf(info.html));
// -singlefile writes <prefix>.png for page 1 only.
execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdfPath, path.join(out, 'information-report-page1')]);
console.log(`samples written to ${out}`);
