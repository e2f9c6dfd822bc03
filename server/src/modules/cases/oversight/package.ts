import { createHash } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import JSZip from 'jszip';
import type { Db } from '../../../db/client.js';
import { caseEvidence, caseFiles } from '../cases.schema.js';
import type { CaseDocumentKind, CaseDocuments } from '../decision/documents.js';
import type { ManifestEntry } from './oversight.schema.js';

/** The zip's entries all carry this date (DOS time, UTC): the same files always give the same bytes. */
export const PACKAGE_DATE = new Date(Date.UTC(2000, 0, 1, 0, 0, 0));

/** `case_files.documentKind` of a transfer's package, kept under the transfer's id. */
export const PACKAGE_KIND = 'transfer_package';

/** The manifest's name inside the zip. */
export const MANIFEST_PATH = 'manifest.json';

const DOCUMENT_LABELS: Record<CaseDocumentKind, string> = {
  filing_approval: '立案审批表',
  inquiry_record: '询问笔录',
  penalty_notice: '行政处罚告知书',
  penalty_decision: '行政处罚决定书',
  closing_report: '结案报告',
};

/** One file going into the package. */
export interface PackageFile {
  path: string;
  content: Buffer;
  description: string;
}

export interface BuiltPackage {
  zip: Buffer;
  manifest: ManifestEntry[];
  sha256: string;
}

export const sha256Of = (content: Buffer | Uint8Array) => createHash('sha256').update(content).digest('hex');

/** A path segment without separators, control or reserved characters (Windows' too), never empty. */
function segment(name: string, fallback: string): string {
  const cleaned = name
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 120);
  return cleaned || fallback;
}

/** Makes each path unique by numbering repeats before the extension: a.pdf, a (2).pdf, … */
function uniquePaths(files: PackageFile[]): PackageFile[] {
  const used = new Set<string>();
  return files.map((f) => {
    let path = f.path;
    for (let n = 2; used.has(path); n++) {
      const dot = f.path.lastIndexOf('.');
      const slash = f.path.lastIndexOf('/');
      path = dot > slash + 1 ? `${f.path.slice(0, dot)} (${n})${f.path.slice(dot)}` : `${f.path} (${n})`;
    }
    used.add(path);
    return { ...f, path };
  });
}

/**
 * The zip of the given files with `manifest.json` `{ caseNo, transferredOn, files }` (path, SHA-256,
 * size and description of each file), deterministic: paths sorted by code point, every entry dated
 * `PACKAGE_DATE`, no folder entries, DEFLATE at a fixed level. The same files give the same bytes.
 */
export async function zipPackage(head: { caseNo: string; transferredOn: string }, files: PackageFile[]): Promise<BuiltPackage> {
  const sorted = uniquePaths(files).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const manifest: ManifestEntry[] = sorted.map((f) => ({ path: f.path, sha256: sha256Of(f.content), size: f.content.length, description: f.description }));
  const zip = new JSZip();
  const options = { date: PACKAGE_DATE, createFolders: false, binary: true } as const;
  zip.file(MANIFEST_PATH, Buffer.from(JSON.stringify({ caseNo: head.caseNo, transferredOn: head.transferredOn, files: manifest }, null, 2), 'utf8'), options);
  for (const f of sorted) zip.file(f.path, f.content, options);
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'DOS', streamFiles: false });
  return { zip: bytes, manifest, sha256: sha256Of(bytes) };
}

/**
 * The files of a case's evidence package: every document the case has reached (`documents.all`, in
 * stage order, under `documents/`) and every uploaded attachment (`case_files` without a
 * `documentKind`, under `evidence/<the evidence's title>/`).
 */
export async function packageFiles(tx: Db, documents: CaseDocuments, caseId: string): Promise<PackageFile[]> {
  const rendered = await documents.all(tx, caseId);
  const files: PackageFile[] = rendered.map((d, i) => ({
    path: `documents/${String(i + 1).padStart(2, '0')}-${segment(d.fileName, `${d.kind}.docx`)}`,
    content: d.content,
    description: DOCUMENT_LABELS[d.kind] ?? d.kind,
  }));
  const uploads = await tx
    .select({ id: caseFiles.id, fileName: caseFiles.fileName, content: caseFiles.content, evidenceTitle: caseEvidence.title, evidenceKind: caseEvidence.kind })
    .from(caseFiles)
    .leftJoin(caseEvidence, eq(caseEvidence.id, caseFiles.evidenceId))
    .where(and(eq(caseFiles.caseId, caseId), isNull(caseFiles.documentKind)))
    .orderBy(asc(caseFiles.createdAt), asc(caseFiles.id));
  for (const u of uploads) {
    const folder = u.evidenceTitle ? segment(u.evidenceTitle, '证据') : '其他材料';
    files.push({ path: `evidence/${folder}/${segment(u.fileName, u.id)}`, content: Buffer.from(u.content), description: u.evidenceTitle ? `证据：${u.evidenceTitle}` : '案件材料' });
  }
  return files;
}
