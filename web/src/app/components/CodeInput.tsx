import { Input, type InputProps } from 'antd';

/** A text input for a code typed character by character (USCC, a key): monospace, no autocomplete. */
export function CodeInput(props: InputProps) {
  return <Input autoComplete="off" style={{ fontFamily: 'monospace' }} {...props} />;
}
