import { createWriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import { accessDocument, type AccessDocument, type Block, type DataTable } from './access-document';
import type { ExportContext } from './export-context';

export const REPORT_PDF_NAME = 'access-report.pdf';

const fromHere = createRequire(import.meta.url);
/** Noto Sans (SIL Open Font License) covers Latin, Greek and Cyrillic; it is embedded, subset. */
const FONTS = {
  regular: fromHere.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'),
  bold: fromHere.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'),
  italic: fromHere.resolve(
    '@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf',
  ),
};

/** Countries that print on US Letter; everyone else on A4. */
const LETTER_COUNTRIES: ReadonlySet<string> = new Set(['US', 'CA', 'MX', 'PH', 'CL', 'CO']);

type Doc = PDFKit.PDFDocument;
type Element = PDFKit.PDFStructureElement;
/** pdfkit also takes a table header's scope (Row or Column), which its type omits. */
type StructOptions = Parameters<Doc['struct']>[1];

interface Layout {
  size: 'A4' | 'LETTER';
  margins: { top: number; bottom: number; left: number; right: number };
}

const BODY = 10;
const TABLE = 7.5;
const PAD = 3;
/** Keeps a heading with what follows it: this much room is needed below it, or a new page. */
const KEEP_WITH_NEXT = 60;

function layoutFor(country: string | null): Layout {
  // Letter is wider and shorter than A4; both keep at least 18 mm all round and room for the footer.
  return country && LETTER_COUNTRIES.has(country)
    ? { size: 'LETTER', margins: { top: 54, bottom: 64, left: 54, right: 54 } }
    : { size: 'A4', margins: { top: 56, bottom: 66, left: 51, right: 51 } };
}

class PdfWriter {
  private readonly root: Element;
  private tableHeader: (() => void) | null = null;

  constructor(
    private readonly doc: Doc,
    private readonly model: AccessDocument,
    private readonly layout: Layout,
  ) {
    this.root = doc.struct('Document');
    doc.addStructure(this.root);
    doc.on('pageAdded', () => this.onPage());
  }

  private get width(): number {
    const m = this.doc.page.margins;
    return this.doc.page.width - m.left - m.right;
  }

  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Page number (an artifact: not read out as content), and the table header again if mid-table. */
  private onPage(): void {
    const doc = this.doc;
    const page = this.doc.bufferedPageRange().start + this.doc.bufferedPageRange().count;
    const { x, y } = doc;
    const marginBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc
      .font('regular')
      .fontSize(8)
      .fillColor('#555555')
      .text(
        `${this.model.title} · ${this.model.pageLabel(page)}`,
        doc.page.margins.left,
        doc.page.height - marginBottom + 24,
        { width: this.width, align: 'center', lineBreak: false },
      );
    doc.endMarkedContent();
    doc.page.margins.bottom = marginBottom;
    doc.fillColor('#1b1b1b');
    doc.x = x;
    doc.y = y;
    if (this.tableHeader) {
      doc.y = doc.page.margins.top;
      doc.markContent('Artifact', { type: 'Pagination' });
      this.tableHeader();
      doc.endMarkedContent();
    }
  }

  private ensure(height: number): void {
    if (this.doc.y + height > this.bottom) {
      this.doc.addPage(this.pageOptions(this.doc.page.width > this.doc.page.height));
    }
  }

  pageOptions(landscape = false): PDFKit.PDFDocumentOptions {
    return {
      size: this.layout.size,
      layout: landscape ? 'landscape' : 'portrait',
      margins: this.layout.margins,
    };
  }

  private text(type: string, text: string, font: string, size: number, gapAfter: number): void {
    const doc = this.doc;
    doc.font(font).fontSize(size);
    const x = doc.page.margins.left;
    this.root.add(
      doc.struct(type, {}, () => {
        doc.text(text, x, doc.y, { width: this.width });
      }),
    );
    doc.y += gapAfter;
  }

  block(block: Block): void | Promise<void> {
    const doc = this.doc;
    switch (block.kind) {
      case 'heading': {
        const size = block.level === 1 ? 18 : block.level === 2 ? 14 : 11.5;
        doc.y += block.level === 1 ? 0 : block.level === 2 ? 12 : 6;
        this.ensure(KEEP_WITH_NEXT + size * 2);
        this.text(`H${block.level}`, block.text, 'bold', size, 4);
        return;
      }
      case 'paragraph':
        this.ensure(BODY * 3);
        this.text('P', block.text, block.small ? 'italic' : 'regular', block.small ? 8 : BODY, 6);
        return;
      case 'list': {
        const list = doc.struct('L');
        this.root.add(list);
        doc.font('regular').fontSize(BODY);
        for (const item of block.items) {
          this.ensure(BODY * 3);
          const x = doc.page.margins.left;
          const li = doc.struct('LI');
          list.add(li);
          li.add(
            doc.struct('Lbl', {}, () =>
              doc.text('•', x, doc.y, { continued: false, lineBreak: false }),
            ),
          );
          const y = doc.y;
          li.add(
            doc.struct('LBody', {}, () => doc.text(item, x + 12, y, { width: this.width - 12 })),
          );
          li.end();
          doc.y += 3;
        }
        list.end();
        return;
      }
      case 'facts':
        return this.grid(
          [],
          block.rows.map((r) => ({ cells: [[r.label], [r.value]], withheld: [false, false] })),
          [0.3, 0.7],
          BODY,
          true,
        );
      case 'table':
        return this.dataTable(block);
    }
  }

  private async dataTable(block: DataTable): Promise<void> {
    const weights = block.columns.map((c) => columnWeight(c.hint, c.label));
    await this.grid(
      block.columns.map((c) => c.label),
      block.rows(REPORT_PDF_NAME),
      weights,
      TABLE,
      false,
    );
  }

  /**
   * A table drawn row by row: a row that does not fit starts a new page (with the header drawn
   * again), and a row taller than a page is split, so every value is printed in full.
   */
  private async grid(
    header: string[],
    rows: Iterable<{ cells: string[][]; withheld: boolean[] }>,
    weights: number[],
    size: number,
    rowHeaders: boolean,
  ): Promise<void> {
    const doc = this.doc;
    // Each column is at least as wide as its header's longest word, so no label breaks inside a
    // word; what is left is shared by weight.
    doc.font('bold').fontSize(size);
    const least = weights.map((_, i) =>
      Math.max(
        18,
        ...(header[i] ?? '').split(/\s+/).map((w) => doc.widthOfString(w) + PAD * 2 + 1),
      ),
    );
    const widths = () => {
      const total = weights.reduce((a, b) => a + b, 0);
      const share = weights.map((w) => (w / total) * this.width);
      const fixed = share.map((w, i) => (w < (least[i] ?? 0) ? (least[i] ?? 0) : null));
      const taken = fixed.reduce<number>((sum, w) => sum + (w ?? 0), 0);
      const free = weights.reduce((sum, w, i) => sum + (fixed[i] === null ? w : 0), 0);
      return weights.map(
        (w, i) => fixed[i] ?? Math.max(least[i] ?? 0, (w / free) * (this.width - taken)),
      );
    };
    const table = doc.struct('Table');
    this.root.add(table);
    const measure = (texts: string[], font: (i: number) => string) =>
      Math.max(
        ...texts.map((t, i) => {
          doc.font(font(i)).fontSize(size);
          return doc.heightOfString(t || ' ', { width: (widths()[i] ?? 0) - PAD * 2 });
        }),
      ) +
      PAD * 2;
    const drawRow = (
      texts: string[],
      font: (i: number) => string,
      fill: string | null,
      tr: Element | null,
      cellType: (i: number) => string,
    ) => {
      const w = widths();
      const height = measure(texts, font);
      const top = doc.y;
      let x = doc.page.margins.left;
      texts.forEach((t, i) => {
        if (fill) doc.rect(x, top, w[i] ?? 0, height).fill(fill);
        doc
          .rect(x, top, w[i] ?? 0, height)
          .lineWidth(0.5)
          .strokeColor('#c8c8c8')
          .stroke();
        doc.fillColor(fill === '#fff4e5' ? '#666666' : '#1b1b1b');
        const draw = () =>
          doc
            .font(font(i))
            .fontSize(size)
            .text(t, x + PAD, top + PAD, { width: (w[i] ?? 0) - PAD * 2 });
        const cellX = x;
        if (tr) {
          const type = cellType(i);
          const options = (
            type === 'TH' ? { scope: rowHeaders ? 'Row' : 'Column' } : {}
          ) as StructOptions;
          tr.add(
            doc.struct(type, options, () => {
              doc.x = cellX;
              draw();
            }),
          );
        } else {
          draw();
        }
        x += w[i] ?? 0;
      });
      doc.fillColor('#1b1b1b');
      doc.y = top + height;
    };
    if (header.length > 0) {
      const drawHeader = (tr: Element | null) =>
        drawRow(
          header,
          () => 'bold',
          '#eeeeee',
          tr,
          () => 'TH',
        );
      this.ensure(measure(header, () => 'bold') * 2);
      const thead = doc.struct('THead');
      table.add(thead);
      const tr = doc.struct('TR');
      thead.add(tr);
      drawHeader(tr);
      tr.end();
      thead.end();
      this.tableHeader = () => drawHeader(null);
    }
    const tbody = doc.struct('TBody');
    table.add(tbody);
    let n = 0;
    const font = (withheld: boolean[]) => (i: number) =>
      withheld[i] ? 'italic' : rowHeaders && i === 0 ? 'bold' : 'regular';
    const cellType = (i: number) => (rowHeaders && i === 0 ? 'TH' : 'TD');
    for (const row of rows) {
      let texts = row.cells.map((lines) => lines.join('\n'));
      const f = font(row.withheld);
      for (;;) {
        const available = this.bottom - doc.y;
        const needed = measure(texts, f);
        if (needed <= available) {
          const tr = doc.struct('TR');
          tbody.add(tr);
          drawRow(texts, f, null, tr, cellType);
          tr.end();
          break;
        }
        const pageBody = this.bottom - doc.page.margins.top - (this.tableHeader ? 30 : 0);
        if (needed <= pageBody || available < size * 4) {
          doc.addPage(this.pageOptions(doc.page.width > doc.page.height));
          continue;
        }
        // Taller than a page: print what fits here and carry the rest to the next page.
        const w = widths();
        const split = texts.map((t, i) => {
          doc.font(f(i)).fontSize(size);
          return fitText(doc, t, (w[i] ?? 0) - PAD * 2, available - PAD * 2);
        });
        const tr = doc.struct('TR');
        tbody.add(tr);
        drawRow(
          split.map((s) => s[0]),
          f,
          null,
          tr,
          cellType,
        );
        tr.end();
        texts = split.map((s) => s[1]);
        doc.addPage(this.pageOptions(doc.page.width > doc.page.height));
      }
      // Lets the file stream drain on long tables.
      if (++n % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    tbody.end();
    table.end();
    this.tableHeader = null;
    doc.y += 8;
  }

  /** The data tables are wide: they print across landscape pages, the statement upright. */
  landscapeFromHere(): void {
    this.doc.addPage(this.pageOptions(true));
  }

  end(): void {
    this.root.end();
  }
}

/** The longest prefix of `text` (at a line or word break) that fits in `height`, and the rest. */
function fitText(doc: Doc, text: string, width: number, height: number): [string, string] {
  if (doc.heightOfString(text || ' ', { width }) <= height) return [text, ''];
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (doc.heightOfString(text.slice(0, mid), { width }) <= height) low = mid;
    else high = mid - 1;
  }
  const cut = Math.max(text.lastIndexOf('\n', low), text.lastIndexOf(' ', low));
  const at = cut > low / 2 ? cut : Math.max(low, 1);
  return [text.slice(0, at), text.slice(at).replace(/^[\n ]/, '')];
}

/** How much of the line a column gets: identifiers and flags little, text and details more. */
function columnWeight(name: string, label: string): number {
  if (/_id$|^restricted$|^granted$|^currency$/.test(name)) return Math.max(5, label.length * 0.45);
  if (/(_at|^last_active)$/.test(name)) return 11;
  if (/metadata|attributes|details|summary|requester|extension_reason/.test(name)) return 20;
  if (/email|line1|line2/.test(name)) return 14;
  return Math.max(8, Math.min(12, label.length * 0.6));
}

/**
 * The access report as a tagged PDF (PDF/UA-style structure: document language and title,
 * headings, paragraphs, lists and tables with header cells), rendered from the same access
 * document as the HTML. Built in the export worker or the CLI: no browser involved.
 */
export async function writeAccessReportPdf(ctx: ExportContext): Promise<string[]> {
  await writeDocumentPdf(accessDocument(ctx), {
    path: join(ctx.dir, REPORT_PDF_NAME),
    country: ctx.country,
    author: ctx.organisation.name,
    createdAt: ctx.generatedAt,
    createFile: true,
  });
  return [REPORT_PDF_NAME];
}

/**
 * Any document model (the access report, the records of processing) as a tagged PDF. With
 * `createFile` the file must not exist yet; without it, it is an owner-only file made for it
 * (writeAtomically's temporary file).
 */
export async function writeDocumentPdf(
  model: AccessDocument,
  options: {
    path: string;
    country: string | null;
    author: string;
    createdAt: string;
    createFile: boolean;
  },
): Promise<void> {
  const layout = layoutFor(options.country);
  const doc = new PDFDocument({
    autoFirstPage: false,
    bufferPages: false,
    tagged: true,
    lang: model.language,
    displayTitle: true,
    pdfVersion: '1.7',
    info: {
      Title: model.title,
      Author: options.author,
      Creator: 'Reflect Privacy Desk',
      CreationDate: new Date(options.createdAt),
    },
  });
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);
  doc.registerFont('italic', FONTS.italic);
  const out = createWriteStream(options.path, {
    flags: options.createFile ? 'wx' : 'w',
    mode: 0o600,
  });
  doc.pipe(out);
  const writer = new PdfWriter(doc, model, layout);
  doc.addPage(writer.pageOptions());
  // The data section (from its heading) prints landscape: its tables are wide.
  const firstTable = model.blocks.findIndex((b) => b.kind === 'table');
  const dataFrom =
    firstTable < 0
      ? -1
      : model.blocks.findLastIndex(
          (b, i) => i < firstTable && b.kind === 'heading' && b.level === 2,
        );
  for (const [i, block] of model.blocks.entries()) {
    if (i === dataFrom) writer.landscapeFromHere();
    await writer.block(block);
  }
  writer.end();
  doc.end();
  await finished(out);
}
