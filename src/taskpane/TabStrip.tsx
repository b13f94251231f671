import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';

/**
 * The pane's tab list, following the WAI-ARIA tabs pattern (arrow keys, Home, End; one tab in
 * the tab order). Fluent's TabList looked the same and cost 8 KB gzip of the bundle.
 */
const useStyles = makeStyles({
  bar: { display: 'flex', alignItems: 'center', position: 'relative', minWidth: 0 },
  list: {
    display: 'flex',
    flexWrap: 'nowrap',
    flex: 1,
    minWidth: 0,
    overflow: 'hidden',
    gap: tokens.spacingHorizontalXXS,
    padding: `0 ${tokens.spacingHorizontalXS}`,
  },
  // Out of the row and unseen, but still measured (a language switch changes every width).
  hidden: { position: 'absolute', visibility: 'hidden', pointerEvents: 'none' },
  menu: {
    position: 'absolute',
    right: tokens.spacingHorizontalXS,
    top: '100%',
    zIndex: 1,
    margin: 0,
    padding: tokens.spacingVerticalXS,
    listStyleType: 'none',
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow16,
  },
  item: { width: '100%', textAlign: 'start', whiteSpace: 'nowrap' },
  tab: {
    position: 'relative',
    flexShrink: 0,
    whiteSpace: 'nowrap',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    border: 'none',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground2,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover, color: tokens.colorNeutralForeground1 },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  selected: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    '::after': {
      content: '""',
      position: 'absolute',
      left: tokens.spacingHorizontalS,
      right: tokens.spacingHorizontalS,
      bottom: '0',
      height: tokens.strokeWidthThicker,
      borderRadius: tokens.borderRadiusCircular,
      backgroundColor: tokens.colorCompoundBrandStroke,
    },
  },
});

export interface TabItem<T extends string> {
  id: T;
  label: string;
}

/** Room kept for the «…» button when some tabs go into the overflow menu, in px. */
const MORE_WIDTH = 44;

export function Tabs<T extends string>({
  items,
  selected,
  onSelect,
  label,
  moreLabel,
}: {
  items: TabItem<T>[];
  selected: T;
  onSelect(id: T): void;
  label: string;
  /** The overflow menu button's name («Бусад таб»). */
  moreLabel: string;
}) {
  const s = useStyles();
  const refs = useRef(new Map<T, HTMLButtonElement>());
  const bar = useRef<HTMLDivElement>(null);
  const [fits, setFits] = useState(items.length);
  const [open, setOpen] = useState(false);

  // Fluent's overflow pattern: the tabs that do not fit go into a menu instead of a second row.
  useLayoutEffect(() => {
    const el = bar.current;
    if (!el) return;
    const measure = () => {
      // Each tab's width with its share of the gaps; the list's side padding comes off the room.
      const width = (i: TabItem<T>) => (refs.current.get(i.id)?.offsetWidth ?? 0) + 2;
      const room = el.clientWidth - 8;
      const total = items.reduce((n, i) => n + width(i), 0);
      if (el.clientWidth === 0 || total <= room) return setFits(items.length);
      let used = MORE_WIDTH;
      let n = 0;
      while (n < items.length && used + width(items[n]) <= room) used += width(items[n++]);
      setFits(Math.max(1, n));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [items]);

  // The selected tab always shows: it takes the last place when it would be in the menu.
  const index = items.findIndex((i) => i.id === selected);
  const shown = items.filter((_, i) => i < fits && !(index >= fits && i === fits - 1));
  if (index >= fits) shown.push(items[index]);
  const hidden = items.filter((i) => !shown.includes(i));

  const move = (e: KeyboardEvent, id: T) => {
    const at = shown.findIndex((i) => i.id === id);
    const last = shown.length - 1;
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: last }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const item = shown[(next + shown.length) % shown.length];
    onSelect(item.id);
    refs.current.get(item.id)?.focus();
  };
  const pick = (id: T) => {
    setOpen(false);
    onSelect(id);
  };

  return (
    <div ref={bar} className={s.bar}>
      <div role="tablist" aria-label={label} className={s.list}>
        {items.map((item) => (
          <button
            key={item.id}
            ref={(el) => {
              if (el) refs.current.set(item.id, el);
            }}
            type="button"
            role="tab"
            id={`tab-${item.id}`}
            aria-selected={item.id === selected}
            aria-controls={item.id === selected ? `panel-${item.id}` : undefined}
            tabIndex={item.id === selected ? 0 : -1}
            className={mergeClasses(
              s.tab,
              item.id === selected && s.selected,
              !shown.includes(item) && s.hidden,
            )}
            onClick={() => onSelect(item.id)}
            onKeyDown={(e) => move(e, item.id)}
          >
            {item.label}
          </button>
        ))}
      </div>
      {hidden.length > 0 && (
        <>
          <button
            type="button"
            className={s.tab}
            aria-haspopup="menu"
            aria-expanded={open}
            aria-label={moreLabel}
            onClick={() => setOpen((o) => !o)}
          >
            …
          </button>
          {open && (
            <ul role="menu" aria-label={moreLabel} className={s.menu}>
              {hidden.map((item) => (
                <li key={item.id} role="none">
                  <button
                    type="button"
                    role="menuitem"
                    className={mergeClasses(s.tab, s.item)}
                    onClick={() => pick(item.id)}
                    onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
                  >
                    {item.label}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
