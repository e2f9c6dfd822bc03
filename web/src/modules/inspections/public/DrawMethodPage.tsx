import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PublicFrame } from '../../../app/layout/PublicFrame';
import { drawMethodMessages } from '../drawMethod.i18n';
import '../draws.pages.i18n';

/** 抽取方法说明: how a draw is made and verified (docs/DRAW.md's `zhijian-draw/2`), for citizens. No login. */
export function DrawMethodPage() {
  const { t, i18n } = useTranslation();
  const method = drawMethodMessages[i18n.language === 'en-US' ? 'en-US' : 'zh-CN'].drawMethod;
  return (
    <PublicFrame width={1100} title={method.title} extra={<Link to="/public/draws">{t('draws.public.toList')}</Link>}>
      <article data-testid="draw-method" style={{ maxWidth: 860, margin: '0 auto' }}>
        <Typography.Paragraph style={{ fontSize: 15 }}>{method.intro}</Typography.Paragraph>
        {method.sections.map((s) => (
          <section key={s.title} style={{ marginTop: 24 }}>
            <Typography.Title level={2} style={{ fontSize: 20 }}>
              {s.title}
            </Typography.Title>
            {s.body.map((p) => (
              <Typography.Paragraph key={p}>{p}</Typography.Paragraph>
            ))}
            {s.formulas.length > 0 && (
              <Space direction="vertical" size={4} style={{ width: '100%', boxSizing: 'border-box', background: '#f6f8fa', borderRadius: 6, padding: '8px 12px', marginBottom: 12 }}>
                {s.formulas.map((f) => (
                  <Typography.Text key={f} style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
                    {f}
                  </Typography.Text>
                ))}
              </Space>
            )}
          </section>
        ))}
      </article>
    </PublicFrame>
  );
}
