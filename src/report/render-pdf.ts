// Prints a report's HTML to an A4 PDF with Debian's Chromium, driven by playwright-core.
// Chinese text needs a CJK font in the system (Debian: fonts-noto-cjk). The page may load
// nothing from outside: every request is aborted, and the HTML carries a strict CSP.
import { existsSync } from 'node:fs';

const DEFAULT_CHROMIUM = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

export class PdfUnavailableError extends Error {
  constructor(message: string) { super(message); this.name = 'PdfUnavailableError'; }
}

export interface PdfOptions {
  executablePath?: string;
  /** Bounds launching and printing each, in ms (default 60 000). */
  timeoutMs?: number;
}

/** Whether PDF output can be offered (the API offers only Markdown and HTML otherwise). */
export function pdfAvailable(executablePath = DEFAULT_CHROMIUM): boolean {
  return existsSync(executablePath);
}

export async function renderPdf(html: string, opts: PdfOptions = {}): Promise<Buffer> {
  const executablePath = opts.executablePath ?? DEFAULT_CHROMIUM;
  const timeout = opts.timeoutMs ?? 60_000;
  if (!existsSync(executablePath)) {
    throw new PdfUnavailableError(`PDF reports need Chromium at ${executablePath} (Debian package "chromium"); Markdown and HTML are still available`);
  }
  let playwright: typeof import('playwright-core');
  try {
    playwright = await import('playwright-core');
  } catch {
    throw new PdfUnavailableError('PDF reports need the npm package playwright-core; Markdown and HTML are still available');
  }
  const browser = await playwright.chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    page.setDefaultTimeout(timeout);
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    return Buffer.from(pdf);
  } finally {
    await browser.close();
  }
}
