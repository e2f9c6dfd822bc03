import { useTranslation } from 'react-i18next';
import type { PublicEnterprise } from '../../api/types';
import { Box, COLORS, mutedText } from '../../app/components/plain';

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
    <Box title={t('entSelf.commitmentsTitle')} testId="public-commitments">
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {commitments.map((c, i) => (
          <li key={`${c.kind}/${c.signedOn}/${i}`} style={{ padding: '8px 0', borderTop: i > 0 ? `1px solid ${COLORS.border}` : undefined }}>
            <h3 style={{ fontSize: 15, margin: '0 0 4px', color: COLORS.text }}>{t(`entSelf.kinds.${c.kind}`, { defaultValue: c.kind })}</h3>
            <p style={{ margin: '0 0 4px', whiteSpace: 'pre-wrap', color: COLORS.text, overflowWrap: 'anywhere' }}>{c.text}</p>
            <p style={{ ...mutedText, margin: 0 }}>{t('entSelf.signedLine', { signedBy: c.signedBy, signedOn: c.signedOn })}</p>
          </li>
        ))}
      </ul>
    </Box>
  );
}
