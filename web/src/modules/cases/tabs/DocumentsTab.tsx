/** 文书 tab: the case's documents (.docx), each once the case reached its stage. */
import { DownloadOutlined } from '@ant-design/icons';
import { Button, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { casesApi, DOCUMENT_KINDS, type Case } from '../cases.api';
import type { TabProps } from './tabShared';

const DOC_STAGE: Record<(typeof DOCUMENT_KINDS)[number], (c: Case) => boolean> = {
  filing_approval: (c) => !!c.openedOn,
  inquiry_record: () => false,
  penalty_notice: (c) => !!c.notifiedOn,
  penalty_decision: (c) => !!c.decidedOn,
  closing_report: (c) => !!c.closedOn,
};

/** 文书: the five documents (.docx), each once the case reached its stage (inquiry records per inquiry, on the evidence tab). */
export function DocumentsTab({ c }: TabProps) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('cases.documentsHint')}</Typography.Text>
      <List
        data-testid="case-documents"
        dataSource={DOCUMENT_KINDS}
        renderItem={(k) => {
          const ready = DOC_STAGE[k](c);
          return (
            <List.Item
              extra={
                ready ? (
                  <Button icon={<DownloadOutlined />} href={casesApi.documentUrl(c.id, k)} data-testid={`document-${k}`}>
                    {t('cases.download')}
                  </Button>
                ) : (
                  <Typography.Text type="secondary">{t(`cases.documentStage.${k}`)}</Typography.Text>
                )
              }
            >
              {t(`cases.documents.${k}`)}
            </List.Item>
          );
        }}
      />
    </Space>
  );
}
