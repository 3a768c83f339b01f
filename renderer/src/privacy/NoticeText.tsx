import type { ReactNode } from 'react';

/**
 * The privacy notice is Markdown in resources/privacy (one file per language, reviewed as text). This reads
 * the part of Markdown it uses — headings, paragraphs, bold, inline code, tables — into elements; no HTML
 * from the file is ever interpreted.
 */
export function NoticeText(props: { text: string }) {
  const blocks = props.text.replace(/\r\n/g, '\n').split(/\n{2,}/);
  return (
    <div className="privacy-notice" data-testid="privacy-notice">
      {blocks.map((block, index) => {
        const lines = block.split('\n');
        const heading = /^(#{1,3})\s+(.*)$/.exec(lines[0] ?? '');
        if (heading && lines.length === 1) {
          const level = heading[1]!.length;
          return level === 1 ? <h3 key={index}>{inline(heading[2]!)}</h3> : <h4 key={index}>{inline(heading[2]!)}</h4>;
        }
        if (lines.every((line) => line.trim().startsWith('|'))) {
          const rows = lines.filter((line) => !/^\s*\|\s*-/.test(line)).map((line) => line.trim().replace(/^\||\|$/g, '').split('|').map((cell) => cell.trim()));
          const [head, ...body] = rows;
          return (
            <table key={index}>
              <thead>
                <tr>{head?.map((cell, i) => <th key={i}>{inline(cell)}</th>)}</tr>
              </thead>
              <tbody>
                {body.map((row, r) => (
                  <tr key={r}>{row.map((cell, i) => <td key={i}>{inline(cell)}</td>)}</tr>
                ))}
              </tbody>
            </table>
          );
        }
        return <p key={index}>{inline(lines.join(' '))}</p>;
      })}
    </div>
  );
}

function inline(text: string): ReactNode[] {
  return text.split(/(\*\*[^*]+\*\*|`[^`]+`)/).map((part, i) => {
    if (part.startsWith('**') && part.endsWith('**')) return <strong key={i}>{part.slice(2, -2)}</strong>;
    if (part.startsWith('`') && part.endsWith('`')) return <code key={i}>{part.slice(1, -1)}</code>;
    return part;
  });
}
