import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import { usePane } from '../context';

/**
 * The result of the action whose button sits just above: a MessageBar, scrolled into view, with
 * its action when one helps. Fluent's MessageBar announces its text to screen readers.
 */
export function Outcome({ at }: { at: string }) {
  const { status, attempt } = usePane();
  const ref = useRef<HTMLDivElement>(null);
  const shown = status?.at === at ? status : null;
  useEffect(() => {
    if (shown) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [shown]);
  if (!shown) return null;
  const action = shown.action;
  return (
    // Scrolled into view clear of the «Буцаах» bar that sticks to the pane's bottom.
    <div ref={ref} data-outcome={at} style={{ scrollMarginBottom: '4rem' }}>
      <MessageBar intent={shown.intent} layout="multiline">
        <MessageBarBody>{shown.text}</MessageBarBody>
        {action && (
          <MessageBarActions>
            <Button size="small" onClick={() => void attempt(action.run, at)}>
              {action.label}
            </Button>
          </MessageBarActions>
        )}
      </MessageBar>
    </div>
  );
}
