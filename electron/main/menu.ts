import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu: a short Vietnamese one. A packaged app has no DevTools, no reload and no
 * inspector anywhere in it (a reload mid-signing or a console on the records is not something an
 * inspector should reach by a shortcut); a development run keeps them.
 */
export function applicationMenuTemplate(packaged: boolean, onAbout: () => void): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'zoomIn', label: 'Phóng to' },
    { role: 'zoomOut', label: 'Thu nhỏ' },
    { role: 'resetZoom', label: 'Cỡ thật' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: 'Toàn màn hình' },
  ];
  if (!packaged) view.push({ type: 'separator' }, { role: 'reload', label: 'Tải lại (phát triển)' }, { role: 'toggleDevTools', label: 'Công cụ phát triển' });
  return [
    { label: 'Tệp', submenu: [{ role: 'quit', label: 'Thoát' }] },
    {
      label: 'Chỉnh sửa',
      submenu: [
        { role: 'undo', label: 'Hoàn tác' },
        { role: 'redo', label: 'Làm lại' },
        { type: 'separator' },
        { role: 'cut', label: 'Cắt' },
        { role: 'copy', label: 'Sao chép' },
        { role: 'paste', label: 'Dán' },
        { role: 'selectAll', label: 'Chọn tất cả' },
      ],
    },
    { label: 'Xem', submenu: view },
    { label: 'Trợ giúp', submenu: [{ label: 'Giới thiệu', click: onAbout }] },
  ];
}

/** Every role a menu template reaches, submenus included. */
export function menuRoles(template: readonly MenuItemConstructorOptions[]): string[] {
  return template.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? menuRoles(item.submenu) : [])]);
}
