import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectEncoding } from './decode.js';

describe('CSV encoding detection', () => {
  const text = '统一社会信用代码,企业名称\r\n914403001922038216,华为技术有限公司\r\n';
  it('tells UTF-8 (with or without BOM) from GBK', () => {
    expect(detectEncoding(Buffer.from(`\uFEFF${text}`))).toBe('utf-8');
    expect(detectEncoding(Buffer.from(text))).toBe('utf-8');
    expect(detectEncoding(iconv.encode(text, 'gbk'))).toBe('gb18030');
  });

  it('is not fooled by a UTF-8 character cut at the end of the sample', () => {
    const bytes = Buffer.from(text.repeat(10));
    for (let cut = bytes.length - 3; cut < bytes.length; cut++) expect(detectEncoding(bytes.subarray(0, cut))).toBe('utf-8');
  });
});
