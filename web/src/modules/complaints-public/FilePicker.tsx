import { PaperClipOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export const MAX_FILES = 5;
const MAX_BYTES = 20 * 1024 * 1024;
const ACCEPT = 'image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf';
const TYPES = new Set(['image/jpeg', 'image/png', 'application/pdf']);
const EXTENSION = /\.(jpe?g|png|pdf)$/i;

/** The chosen files, ready to send. */
export const filesOf = (list: UploadFile[]): File[] => list.flatMap((f) => (f.originFileObj ? [f.originFileObj as File] : []));

/**
 * Photos and PDFs (at most 5, ≤ 20 MB, JPG/PNG/PDF). Checked here first so nobody waits for an
 * upload bound to fail; the server checks the content again and its reason is shown by the form.
 */
export function FilePicker({ value, onChange, testId }: { value: UploadFile[]; onChange: (files: UploadFile[]) => void; testId?: string }) {
  const { t } = useTranslation();
  const [problems, setProblems] = useState<string[]>([]);

  const accept = (incoming: UploadFile[]) => {
    const found: string[] = [];
    const kept = incoming.filter((f) => {
      const file = f.originFileObj as File | undefined;
      if (!file) return true;
      if (!TYPES.has(file.type) && !EXTENSION.test(file.name)) {
        found.push(t('complaintsPublic.fileWrongType', { name: file.name }));
        return false;
      }
      if (file.size > MAX_BYTES) {
        found.push(t('complaintsPublic.fileTooBig', { name: file.name }));
        return false;
      }
      return true;
    });
    if (kept.length > MAX_FILES) found.push(t('complaintsPublic.fileTooMany'));
    setProblems(found);
    onChange(kept.slice(0, MAX_FILES));
  };

  return (
    <Space direction="vertical" size={8} style={{ width: '100%' }} data-testid={testId}>
      <Upload multiple accept={ACCEPT} fileList={value} beforeUpload={() => false} onChange={({ fileList }) => accept(fileList)} listType="text">
        <Button icon={<PaperClipOutlined />} disabled={value.length >= MAX_FILES}>
          {t('complaintsPublic.addFiles')}
        </Button>
      </Upload>
      {problems.length > 0 && <Alert type="error" showIcon role="alert" message={problems.join('；')} data-testid="file-problems" />}
    </Space>
  );
}
