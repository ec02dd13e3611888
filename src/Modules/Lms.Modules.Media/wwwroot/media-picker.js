/*
 * LmsMediaPicker: choose a file from the media library (no framework, no build step).
 *
 *   <script src="/_content/Lms.Modules.Media/media-picker.js" defer></script>
 *
 *   LmsMediaPicker.open({
 *     kind: 'image',                       // 'image' (default), 'pdf' or '' for all
 *     onPick: ({ url, alt, fileName, kind, width, height, id }) => {
 *       textarea.setRangeText(`![${alt}](${url})`);   // e.g. the Markdown editor inserting an image
 *     },
 *     onCancel: () => {},                  // optional
 *   });
 *
 * It opens a modal <dialog> that lists the library through GET /api/v1/admin/media (the signed-in
 * user's cookie; needs the ManageMedia permission), with a search box and paging. Labels follow the
 * page language (<html lang="ja"> or "en"). Alt text is whatever the library holds (may be empty; the
 * caller may ask the author for one). Pages without script keep a plain link to /admin/media.
 */
(function () {
  'use strict';

  const texts = {
    ja: { title: 'メディアライブラリから選ぶ', search: '名前または代替テキストで検索', show: '検索', cancel: 'キャンセル', empty: 'ファイルがありません。', previous: '前へ', next: '次へ', page: (p, n) => `${p} / ${n} ページ`, failed: '一覧を読み込めませんでした。', library: 'メディアライブラリを開く' },
    en: { title: 'Choose from the media library', search: 'Search by name or alternative text', show: 'Search', cancel: 'Cancel', empty: 'No files.', previous: 'Previous', next: 'Next', page: (p, n) => `Page ${p} of ${n}`, failed: 'The list could not be loaded.', library: 'Open the media library' },
  };

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([key, value]) => {
      if (key === 'class') node.className = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    });
    children.flat().forEach((child) => node.append(child)); // text is appended as text, never parsed as HTML
    return node;
  }

  function open(options) {
    const settings = Object.assign({ kind: 'image', onPick: () => {}, onCancel: () => {} }, options);
    const t = (document.documentElement.lang || 'ja').startsWith('en') ? texts.en : texts.ja;
    let page = 1;
    let picked = false;

    const list = el('ul', { class: 'lms-media-picker-list' });
    const status = el('p', { role: 'status', class: 'lms-media-picker-status' });
    const pager = el('div', { class: 'lms-media-picker-pager' });
    const query = el('input', { type: 'search', 'aria-label': t.search, placeholder: t.search });
    const form = el('form', { class: 'lms-media-picker-search', onsubmit: (e) => { e.preventDefault(); page = 1; load(); } },
      query, el('button', { type: 'submit', class: 'button button-small' }, t.show));
    const dialog = el('dialog', { class: 'lms-media-picker', 'aria-labelledby': 'lms-media-picker-title' },
      el('h2', { id: 'lms-media-picker-title' }, t.title),
      form, status, list, pager,
      el('p', {}, el('a', { href: '/admin/media', target: '_blank', rel: 'noopener' }, t.library)),
      el('button', { type: 'button', class: 'button', onclick: () => dialog.close() }, t.cancel));
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (!picked) settings.onCancel();
    });

    async function load() {
      status.textContent = '…';
      const url = `/api/v1/admin/media?kind=${encodeURIComponent(settings.kind || '')}&q=${encodeURIComponent(query.value)}&page=${page}`;
      try {
        const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
        if (!response.ok) throw new Error(String(response.status));
        render(await response.json());
      } catch {
        status.textContent = t.failed;
      }
    }

    function render(result) {
      list.replaceChildren();
      pager.replaceChildren();
      status.textContent = result.totalCount === 0 ? t.empty : '';
      result.items.forEach((file) => {
        const preview = file.kind === 'image'
          ? el('img', { src: file.url, alt: '', loading: 'lazy', width: '96', height: '96' })
          : el('span', { class: 'lms-media-picker-pdf', 'aria-hidden': 'true' }, 'PDF');
        const choose = () => {
          picked = true;
          dialog.close();
          settings.onPick({ id: file.id, url: file.url, alt: file.alt, fileName: file.fileName, kind: file.kind, width: file.width, height: file.height });
        };
        list.append(el('li', {}, el('button', { type: 'button', onclick: choose, title: file.alt || file.fileName }, preview, el('span', {}, file.fileName))));
      });
      if (result.pageCount > 1) {
        if (result.page > 1) pager.append(el('button', { type: 'button', class: 'button button-small', onclick: () => { page--; load(); } }, t.previous));
        pager.append(el('span', {}, t.page(result.page, result.pageCount)));
        if (result.page < result.pageCount) pager.append(el('button', { type: 'button', class: 'button button-small', onclick: () => { page++; load(); } }, t.next));
      }
    }

    ensureStyles();
    document.body.append(dialog);
    dialog.showModal();
    query.focus();
    load();
    return dialog;
  }

  function ensureStyles() {
    if (document.getElementById('lms-media-picker-style')) return;
    const style = el('style', { id: 'lms-media-picker-style' });
    style.textContent = `
      .lms-media-picker { width: min(48rem, 95vw); max-height: 90vh; border: 1px solid #cbd2d9; border-radius: 8px; padding: 1rem 1.25rem; }
      .lms-media-picker::backdrop { background: rgb(0 0 0 / 40%); }
      .lms-media-picker-search { display: flex; gap: 0.5rem; margin-bottom: 0.75rem; }
      .lms-media-picker-search input { flex: 1; }
      .lms-media-picker-list { list-style: none; padding: 0; display: grid; gap: 0.5rem; grid-template-columns: repeat(auto-fill, minmax(8rem, 1fr)); }
      .lms-media-picker-list button { width: 100%; display: grid; gap: 0.25rem; justify-items: center; padding: 0.4rem; background: #fff; border: 1px solid #cbd2d9; border-radius: 6px; cursor: pointer; font: inherit; font-size: 0.85rem; overflow-wrap: anywhere; }
      .lms-media-picker-list button:hover, .lms-media-picker-list button:focus-visible { border-color: #0b5a7a; outline: 2px solid #0b5a7a; }
      .lms-media-picker-list img, .lms-media-picker-pdf { width: 96px; height: 96px; object-fit: contain; }
      .lms-media-picker-pdf { display: flex; align-items: center; justify-content: center; font-weight: 700; color: #9b1c1c; background: #fde8e8; }
      .lms-media-picker-pager { display: flex; gap: 1rem; align-items: center; margin: 0.5rem 0; }`;
    document.head.append(style);
  }

  window.LmsMediaPicker = { open };
})();
