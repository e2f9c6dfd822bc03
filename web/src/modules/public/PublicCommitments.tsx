import { List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PublicEnterprise } from '../../api/types';

/** A commitment in force, as the public record shows it. */
interface PublicCommitment {
  kind: string;
  text: string;
  signedBy: string;
  signedOn: string;
}

/** The enterprise's quality commitments in force (质量承诺), shown once the public record carries them. */
export function PublicCommitments({ record }: { record: PublicEnterprise }) {
  const { t } = useTranslation();
  const commitments = (record as { commitments?: PublicCommitment[] }).commitments;
  if (!commitments?.length) return null;
  return (
    <List
      data-testid="public-commitments"
      size="small"
      bordered
      header={<Typography.Text strong>{t('entSelf.commitmentsTitle')}</Typography.Text>}
      dataSource={commitments}
      renderItem={(c) => (
        <List.Item>
          <List.Item.Meta
            title={t(`entSelf.kinds.${c.kind}`, { defaultValue: c.kind })}
            description={
              <>
                <Typography.Paragraph ellipsis={{ rows: 4, expandable: true }} style={{ marginBottom: 4, whiteSpace: 'pre-wrap', color: 'inherit' }}>
                  {c.text}
                </Typography.Paragraph>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('entSelf.signedLine', { signedBy: c.signedBy, signedOn: c.signedOn })}
                </Typography.Text>
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}
