import { Button, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

const HEIGHT = 160;

/**
 * A signature drawn with a finger or a mouse on a canvas; `onSave` gets it as a PNG. The canvas
 * takes the width of its container (a phone's screen) and keeps the drawing while the page lives.
 */
export function SignaturePad({ title, onSave, busy, testId }: { title: string; onSave: (png: Blob) => void; busy?: boolean; testId: string }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [empty, setEmpty] = useState(true);

  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const ratio = window.devicePixelRatio || 1;
    const width = c.parentElement?.clientWidth ?? 320;
    c.width = width * ratio;
    c.height = HEIGHT * ratio;
    c.style.width = `${width}px`;
    c.style.height = `${HEIGHT}px`;
    const ctx = c.getContext('2d');
    if (!ctx) return;
    ctx.scale(ratio, ratio);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, HEIGHT);
    ctx.lineWidth = 2.5;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#000';
  }, []);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const down = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const ctx = e.currentTarget.getContext('2d');
    if (!ctx) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drawing.current = true;
    const p = point(e);
    ctx.beginPath();
    ctx.moveTo(p.x, p.y);
  };
  const move = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const ctx = e.currentTarget.getContext('2d');
    if (!ctx) return;
    const p = point(e);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
    setEmpty(false);
  };
  const up = () => {
    drawing.current = false;
  };
  const clear = () => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, c.width, c.height);
    ctx.restore();
    setEmpty(true);
  };
  const save = () => canvas.current?.toBlob((b) => b && onSave(b), 'image/png');

  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }} data-testid={testId}>
      <Typography.Text>{title}</Typography.Text>
      <div style={{ width: '100%', border: '1px dashed #bbb', borderRadius: 4, touchAction: 'none' }}>
        <canvas ref={canvas} onPointerDown={down} onPointerMove={move} onPointerUp={up} onPointerLeave={up} aria-label={title} />
      </div>
      <Space>
        <Button onClick={clear} disabled={empty}>
          {t('spotcheckSamples.clearSignature')}
        </Button>
        <Button type="primary" onClick={save} disabled={empty} loading={busy}>
          {t('spotcheckSamples.uploadSignature')}
        </Button>
      </Space>
    </Space>
  );
}
