import { createTheme, Modal } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  cursorType: 'pointer',
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Devanagari", "Noto Sans Tamil", sans-serif',
  headings: { fontWeight: '650' },
  components: {
    // Locking the page's scroll injects a <style> tag without our CSP nonce (react-remove-scroll),
    // which the Content-Security-Policy blocks; dialogs work the same without it.
    Modal: Modal.extend({ defaultProps: { lockScroll: false } }),
  },
});
