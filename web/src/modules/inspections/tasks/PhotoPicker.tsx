import { App, Button, Flex, Image, Upload, type UploadProps } from 'antd';
import { CameraOutlined, DeleteOutlined } from '@ant-design/icons';
import { createContext, useContext, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isStale } from '../../../api/client';
import { errorText } from '../../../app/errorText';
import { tasksApi, type Task } from './tasks.api';
import './tasks.pages.i18n';

const MAX_BYTES = 20 * 1024 * 1024;
const ACCEPT = '.jpg,.jpeg,.png';
const THUMB = 88;

/** Thumbnails of a task's photos; a click shows the photo full size. */
export function PhotoThumbs({ taskId, ids, onRemove }: { taskId: string; ids: readonly string[]; onRemove?: (id: string) => void }) {
  const { t } = useTranslation();
  if (ids.length === 0) return null;
  return (
    <Image.PreviewGroup>
      <Flex wrap gap={8}>
        {ids.map((id) => (
          <Flex key={id} vertical align="center" gap={4} data-testid="task-photo">
            <Image src={tasksApi.photoUrl(taskId, id)} width={THUMB} height={THUMB} style={{ objectFit: 'cover', borderRadius: 4 }} alt="" />
            {onRemove && (
              <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => onRemove(id)}>
                {t('inspectionTasks.removePhoto')}
              </Button>
            )}
          </Flex>
        ))}
      </Flex>
    </Image.PreviewGroup>
  );
}

/**
 * The task whose checklist holds the picker: uploading a question's photo and deleting a photo
 * change the task (its answers), so they run in turn with the checklist's other writes (`run`,
 * which passes the task's current version) and leave the task's new version (`setVersion`).
 */
export const PhotoTask = createContext<{
  run: <T>(write: (version: number) => Promise<T>) => Promise<T>;
  setVersion: (version: number) => void;
  onChanged: (task: Task) => void;
  onStale: () => void;
} | null>(null);

interface Props {
  taskId: string;
  /** Sent with each upload (e.g. the question's text). */
  caption?: string;
  /** The checklist question the photos answer: the server adds each upload to its answer at once. */
  questionKey?: string;
  value?: string[];
  onChange?: (ids: string[]) => void;
  'aria-label'?: string;
}

/** A photo question's answer: uploads each picked photo at once, and holds the ids of the uploaded photos. */
export function PhotoPicker({ taskId, caption, questionKey, value = [], onChange, 'aria-label': ariaLabel }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(0);
  const photoTask = useContext(PhotoTask);

  const beforeUpload: UploadProps['beforeUpload'] = (file) => {
    if (!/\.(jpe?g|png)$/i.test(file.name)) {
      void message.error(t('inspectionTasks.photoType'));
      return Upload.LIST_IGNORE;
    }
    if (file.size > MAX_BYTES) {
      void message.error(t('inspectionTasks.photoTooLarge'));
      return Upload.LIST_IGNORE;
    }
    return true;
  };

  // Several photos may be picked at once: each finished upload adds its id to the latest value.
  const latest = useRef(value);
  latest.current = value;
  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    setUploading((n) => n + 1);
    const upload = () => tasksApi.uploadPhoto(taskId, file as File, caption, questionKey);
    (photoTask ? photoTask.run(upload) : upload())
      .finally(() => setUploading((n) => n - 1))
      .then(
        (photo) => {
          photoTask?.setVersion(photo.taskVersion);
          onSuccess?.(photo);
          latest.current = [...latest.current, photo.id];
          onChange?.(latest.current);
        },
        (err: unknown) => {
          onError?.(err as Error);
          void message.error(errorText(err, t));
        },
      );
  };

  // The photo is deleted on the server too (it was taken by mistake), then leaves the answer.
  const remove = (id: string) =>
    (photoTask
      ? photoTask.run((version) =>
          tasksApi.deletePhoto(taskId, id, version).then(() =>
            tasksApi.get(taskId).then((task) => {
              photoTask.setVersion(task.version);
              photoTask.onChanged(task);
            }),
          ),
        )
      : tasksApi.deletePhoto(taskId, id)
    )
      .then(() => onChange?.(latest.current.filter((v) => v !== id)))
      .catch((err: unknown) => {
        void message.error(errorText(err, t));
        if (isStale(err)) photoTask?.onStale();
      });

  return (
    <Flex vertical gap={8}>
      <PhotoThumbs taskId={taskId} ids={value} onRemove={remove} />
      <Upload accept={ACCEPT} multiple showUploadList={false} beforeUpload={beforeUpload} customRequest={customRequest}>
        <Button size="large" icon={<CameraOutlined />} loading={uploading > 0} aria-label={ariaLabel}>
          {t('inspectionTasks.uploadPhoto')}
        </Button>
      </Upload>
    </Flex>
  );
}
