import type { ThemeConfig } from 'antd';

/**
 * The app's theme: the brand colour, and text colours darkened to WCAG 2.1 AA contrast (4.5:1 for
 * text; GB/T 37668-2019) where antd's defaults fall short — links (#1677ff, 4.1:1), secondary and
 * description text (45 % black, 3.4:1), the "no data" text (25 % black, 1.8:1), form error
 * messages and Typography's danger text (#ff4d4f, 3.3:1), Typography's success and warning text, and the text of coloured tags (green, orange, gold … on their light
 * backgrounds, 2–3.4:1). Backgrounds and borders keep antd's colours: the design stays as it was.
 */
const BRAND = '#0b5cad';

/** Tag text colours: the first shade of each preset palette with 4.5:1 on its light background. */
const TAG_TEXT = {
  volcano7: '#ad2102',
  orange7: '#ad4e00',
  gold7: '#874d00',
  yellow7: '#876800',
  lime7: '#3f6600',
  green7: '#237804',
  cyan7: '#006d75',
};

export function appTheme(motion: boolean): ThemeConfig {
  return {
    token: {
      colorPrimary: BRAND,
      colorLink: BRAND,
      colorLinkHover: '#1d6fd1',
      colorLinkActive: '#0a4a8c',
      // Typography type="secondary", descriptions' labels, form hints, counters: 60 % black (5.7:1)
      colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
      borderRadius: 4,
      motion,
    },
    components: {
      // "暂无数据" of empty tables, lists and Empty: readable text, not the disabled grey
      Empty: { colorTextDisabled: 'rgba(0, 0, 0, 0.6)', colorTextDescription: 'rgba(0, 0, 0, 0.6)' },
      Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.6)' },
      List: { colorTextDisabled: 'rgba(0, 0, 0, 0.6)' },
      Form: { colorError: '#cf1322' },
      // Typography type="danger" / "success" / "warning" (failing items, conclusions on the public result pages)
      Typography: { colorErrorText: '#cf1322', colorSuccessText: TAG_TEXT.green7, colorWarningText: TAG_TEXT.gold7 },
      Tag: { ...TAG_TEXT, colorSuccess: TAG_TEXT.green7, colorInfo: BRAND, colorError: '#cf1322', colorWarning: TAG_TEXT.gold7 },
    },
  };
}
