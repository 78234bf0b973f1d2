import { describe, expect, it } from 'vitest';
import { applicationMenuTemplate, menuRoles } from './menu';

describe('the application menu', () => {
  it('has no DevTools, reload or inspector in a packaged app', () => {
    const roles = menuRoles(applicationMenuTemplate(true, () => undefined)).map((r) => r.toLowerCase());
    expect(roles).not.toContain('toggledevtools');
    expect(roles).not.toContain('reload');
    expect(roles).not.toContain('forcereload');
    expect(roles).toEqual(expect.arrayContaining(['quit', 'copy', 'paste', 'undo']));
  });

  it('is in Vietnamese', () => {
    expect(applicationMenuTemplate(true, () => undefined).map((m) => m.label)).toEqual(['Tệp', 'Chỉnh sửa', 'Xem', 'Trợ giúp']);
  });

  it('keeps the developer tools in a development run', () => {
    expect(menuRoles(applicationMenuTemplate(false, () => undefined))).toContain('toggleDevTools');
  });
});
