import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate, todayInChina } from '../../app/format';
import { SelfList } from '../enterprise-self';
import { ConclusionTag } from './ResultParts';
import { mySpotcheckPath, mySpotchecksApi } from './spotchecksPublic.api';
import './spotchecksPublic.pages.i18n';

const OBJECTION_COLOR = { filed: 'processing', refused: 'default', accepted: 'gold', retested: 'blue' } as const;

/** 监督抽查 (企业端): the enterprise's notified samples, newest first; those awaiting receipt or in their objection window marked. */
export function MySpotchecksPage() {
  const { t } = useTranslation();
  const label = (key: string) => t(`scPublic.my.${key}`);
  const today = todayInChina().format('YYYY-MM-DD');
  return (
    <SelfList
      title={t('scPublic.menuMy')}
      testId="my-spotchecks"
      intro={
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {label('intro')}
        </Typography.Paragraph>
      }
      load={mySpotchecksApi.list}
      rowKey={(s) => s.id}
      linkOf={(s) => mySpotcheckPath(s.id)}
      rowTestId="my-spotcheck-row"
      row={(s) => {
        const open = !s.finalConclusion && !s.objectionStatus && !!s.objectionDueOn && s.objectionDueOn >= today;
        return (
          <Space direction="vertical" size={2}>
            <Space wrap size={4}>
              <Typography.Text strong>{s.productName}</Typography.Text>
              <ConclusionTag value={s.finalConclusion ?? s.conclusion} />
              {!s.finalConclusion && <Tag>{label('pendingFinal')}</Tag>}
              {!s.receivedOn && <Tag color="orange">{label('awaitingReceipt')}</Tag>}
              {s.objectionStatus && <Tag color={OBJECTION_COLOR[s.objectionStatus]}>{label(`objectionStatus.${s.objectionStatus}`)}</Tag>}
            </Space>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {s.sampleNo} · {s.institutionName}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {label('notifiedOn')} {formatDate(s.notifiedOn)}
              {open ? ` · ${label('dueOn')} ${formatDate(s.objectionDueOn)}` : ''}
            </Typography.Text>
          </Space>
        );
      }}
    />
  );
}
