import { CheckCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { Form, Space, Typography, type FormRule } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../api/types';
import { useAuth } from '../auth/AuthContext';

type Policy = SessionUser['passwordPolicy'];

/** Used when no one is signed in yet (the server's defaults; it checks again anyway). */
const DEFAULT_POLICY: Policy = { minLength: 10, maxLength: 128, minClasses: 3 };
const CLASSES = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/];

/** Which of the rules a password meets, in the order they are listed. */
function checks(policy: Policy, password: string) {
  return {
    length: password.length >= policy.minLength && password.length <= policy.maxLength,
    classes: CLASSES.filter((re) => re.test(password)).length >= policy.minClasses,
  };
}

/** The password rules of the signed-in user's session. */
export function usePasswordPolicy(): Policy {
  return useAuth().user?.passwordPolicy ?? DEFAULT_POLICY;
}

/** A form rule refusing a password that breaks the rules (the server checks the same). */
export function passwordRule(policy: Policy, t: TFunction): FormRule {
  return {
    validator: (_, value: unknown) => {
      if (typeof value !== 'string' || value === '') return Promise.resolve();
      const ok = checks(policy, value);
      return ok.length && ok.classes ? Promise.resolve() : Promise.reject(new Error(t('password.rules.unmet')));
    },
  };
}

/**
 * The password rules, shown under a new-password field from the start (before any failure), each
 * ticked off as the password typed in `field` meets it.
 */
export function PasswordRules({ field }: { field: string }) {
  const { t } = useTranslation();
  const policy = usePasswordPolicy();
  const form = Form.useFormInstance();
  const value = (Form.useWatch(field, form) as string | undefined) ?? '';
  const ok = checks(policy, value);
  const rules = [
    { key: 'length', met: ok.length, text: t('password.rules.length', { min: policy.minLength, max: policy.maxLength }) },
    { key: 'classes', met: ok.classes, text: t('password.rules.classes', { count: policy.minClasses }) },
  ];
  return (
    <Space direction="vertical" size={0} data-testid="password-rules" style={{ marginTop: 4 }}>
      {rules.map((r) => (
        <Typography.Text key={r.key} type={r.met ? 'success' : 'secondary'} data-met={r.met}>
          {r.met ? <CheckCircleFilled aria-label={t('password.rules.met')} /> : <MinusCircleOutlined aria-label={t('password.rules.notMet')} />} {r.text}
        </Typography.Text>
      ))}
    </Space>
  );
}
