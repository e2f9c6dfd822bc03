import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { publicDrawUrl } from '../inspections.api';

const Command = ({ text }: { text: string }) => (
  <Typography.Paragraph copyable code style={{ fontFamily: 'monospace', wordBreak: 'break-all', marginBottom: 8 }}>
    {text}
  </Typography.Paragraph>
);

/** How anyone can replay a published draw with `npx zhijian draw verify`, and what the algorithm is (docs/DRAW.md in short). */
export function VerifyHelp({ drawId }: { drawId: string }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`draws.public.${key}`);
  const url = `${window.location.origin}${publicDrawUrl(drawId)}`;
  return (
    <div data-testid="verify-help">
      <Typography.Title level={5}>{label('verifyTitle')}</Typography.Title>
      <Typography.Paragraph>{label('verifyIntro')}</Typography.Paragraph>
      <ol style={{ paddingInlineStart: 20 }}>
        <li>{label('verifyStep1')}</li>
        <li>
          {label('verifyStep2')}
          <Command text="npx zhijian draw verify record.json" />
          <Command text={`npx zhijian draw verify ${url}`} />
        </li>
        <li>{label('verifyStep3')}</li>
      </ol>
      <Typography.Title level={5}>{label('algorithmTitle')}</Typography.Title>
      <ul style={{ paddingInlineStart: 20 }}>
        {['algorithm1', 'algorithm2', 'algorithm3', 'algorithm4'].map((key) => (
          <li key={key}>{label(key)}</li>
        ))}
      </ul>
      <Typography.Paragraph type="secondary">{label('algorithmSpec')}</Typography.Paragraph>
    </div>
  );
}
