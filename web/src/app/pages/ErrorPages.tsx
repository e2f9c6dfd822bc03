import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';

function ErrorResult({ status }: { status: 403 | 404 }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const kind = status === 403 ? 'forbidden' : 'notFound';
  return (
    <div data-testid={`page-${status}`}>
      <Result
        status={status}
        title={t(`errors.${kind}Title`)}
        subTitle={t(`errors.${kind}`)}
        extra={
          <Button type="primary" onClick={() => navigate('/')}>
            {t('errors.backHome')}
          </Button>
        }
      />
    </div>
  );
}

export function ForbiddenPage() {
  return <ErrorResult status={403} />;
}

export function NotFoundPage() {
  return <ErrorResult status={404} />;
}
