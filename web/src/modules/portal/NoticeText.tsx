/** A notice's body as paragraphs: plain text, blank lines between paragraphs, line breaks kept; rendered as text (never HTML). */
export function NoticeText({ body, testId }: { body: string; testId?: string }) {
  const paragraphs = body
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <div data-testid={testId}>
      {paragraphs.map((p, i) => (
        <p key={i} style={{ whiteSpace: 'pre-line', fontSize: 15, lineHeight: 1.8, margin: '0 0 1em' }}>
          {p}
        </p>
      ))}
    </div>
  );
}
