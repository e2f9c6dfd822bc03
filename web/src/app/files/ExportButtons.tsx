import { Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ExportFormat } from '../../api/types';

const FORMATS: ExportFormat[] = ['xlsx', 'csv'];

/** The export links of a list (.xlsx and .csv); `href` gives the address of each format under the list's filters. */
export function ExportButtons({ href }: { href: (format: ExportFormat) => string }) {
  const { t } = useTranslation();
  return FORMATS.map((format) => (
    <Button key={format} icon={<DownloadOutlined />} href={href(format)} download>
      {t(format === 'xlsx' ? 'files.exportXlsx' : 'files.exportCsv')}
    </Button>
  ));
}
