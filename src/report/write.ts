// Writing a report's files: index.html, report.md with its charts as SVG files in charts/, report.json
// and, when asked, report.pdf.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chartFiles } from './charts/files.ts';
import { renderHtml } from './render-html.ts';
import { renderMarkdown } from './render-markdown.ts';
import { renderPdf } from './render-pdf.ts';
import type { ReportModel } from './types.ts';

interface WrittenReport {
  files: string[];
  pdf: 'written' | 'not-asked' | 'no-chromium';
}

export function renderJson(model: ReportModel): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}

export async function writeReport(model: ReportModel, outDir: string, pdf: boolean): Promise<WrittenReport> {
  mkdirSync(outDir, { recursive: true });
  const html = renderHtml(model);
  const files = [join(outDir, 'index.html'), join(outDir, 'report.md'), join(outDir, 'report.json')];
  writeFileSync(files[0] as string, html);
  writeFileSync(files[1] as string, renderMarkdown(model));
  writeFileSync(files[2] as string, renderJson(model));
  // The charts folder is the report's own: files of charts no longer in the report do not linger.
  rmSync(join(outDir, 'charts'), { recursive: true, force: true });
  const charts = chartFiles(model);
  for (const c of charts) {
    const file = join(outDir, c.file);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, c.svg);
  }
  if (charts.length > 0) files.push(join(outDir, 'charts'));
  if (!pdf) return { files, pdf: 'not-asked' };
  const pdfFile = join(outDir, 'report.pdf');
  if (!(await renderPdf(html, pdfFile))) return { files, pdf: 'no-chromium' };
  return { files: [...files, pdfFile], pdf: 'written' };
}
