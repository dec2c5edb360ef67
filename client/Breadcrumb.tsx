import type { Messages } from './i18n/messages.ts';

export interface BreadcrumbProps {
  messages: Messages;
  /** The root's name (the city, or the province), the first part. */
  rootName: string;
  /** From the root's child down to the selected area. */
  path: { code: string; name: string }[];
  onSelect: (code: string | null) => void;
}

/** 资阳市 › 县 › 镇 › 村 (or 四川省 › 市 › …): every part but the last goes back up to it. */
export function Breadcrumb({ messages, rootName, path, onSelect }: BreadcrumbProps) {
  const parts = [{ code: null as string | null, name: rootName }, ...path];
  return (
    <nav className="breadcrumb" aria-label={messages.breadcrumbLabel} data-testid="breadcrumb">
      {parts.map((part, i) => (
        <span key={part.code ?? 'city'}>
          {i > 0 && <span className="breadcrumb-sep"> › </span>}
          {i < parts.length - 1 ? (
            <button type="button" onClick={() => onSelect(part.code)}>
              {part.name}
            </button>
          ) : (
            <span aria-current="location">{part.name}</span>
          )}
        </span>
      ))}
    </nav>
  );
}
