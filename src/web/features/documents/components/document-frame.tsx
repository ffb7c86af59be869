import { useLayoutEffect, useRef } from 'react';

interface Props {
  html: string;
  title: string;
  testId?: string;
}

/**
 * A rendered document: the server's HTML (every text escaped, its own style sheet, no scripts) in a
 * shadow root, so its styles never reach the app and the app's never reach it. It grows with its content.
 */
export function DocumentFrame({ html, title, testId }: Props) {
  const host = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = host.current;
    if (!el) return;
    const root = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
    // After the document's own style sheet: narrower margins where the page is narrow.
    root.innerHTML = `${html}<style>@media (max-width: 40em) { .ol-doc { padding: 1.25rem 1rem; } }</style>`;
  }, [html]);
  return (
    <div
      ref={host}
      role="document"
      aria-label={title}
      data-testid={testId}
      style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 'var(--mantine-radius-sm)', background: '#fff', overflowX: 'auto' }}
    />
  );
}
