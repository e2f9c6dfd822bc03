/** The working-day calendar. */
import { createElement } from 'react';
import { CalendarOutlined } from '@ant-design/icons';
import { page, type WebModule } from '../../app/modules/webModule';

export { NextYearHolidaysAlert, nextYearMissing } from './NextYearHolidaysAlert';

export const calendarModule: WebModule = {
  name: 'calendar',
  routes: [
    { path: '/calendar', page: page(() => import('./CalendarPage'), 'CalendarPage'), menu: { label: 'menu.calendar', icon: createElement(CalendarOutlined), order: 20, audience: 'staff' } },
  ],
};
