/**
 * The browser preview's entry (webpack page "preview", the one page allowed to load ExcelJS):
 * the task pane beside a grid of a workbook opened in the browser. No Office.js.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Preview } from './Preview';

const element = document.getElementById('root');
if (element)
  createRoot(element).render(
    <StrictMode>
      <Preview />
    </StrictMode>,
  );
