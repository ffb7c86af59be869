import { SegmentedControl, Stack, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { t } from '../i18n/t';
import '../i18n/shared.en';
import { SignaturePad } from './signature-pad';

export type AdoptedSignature = { kind: 'typed'; name: string } | { kind: 'drawn'; image: string };

/** The signature a signer adopts: their typed name (the default, and what a keyboard user has) or a drawing. */
export function SignatureInput({ initialName, help, onChange }: { initialName: string; help: string; onChange: (s: AdoptedSignature | null) => void }) {
  const [kind, setKind] = useState<'typed' | 'drawn'>('typed');
  const [name, setName] = useState(initialName);
  const [image, setImage] = useState<string | null>(null);
  const report = (k: 'typed' | 'drawn', n: string, img: string | null) =>
    onChange(k === 'typed' ? (n.trim().length >= 2 ? { kind: 'typed', name: n.trim() } : null) : img ? { kind: 'drawn', image: img } : null);
  // A prefilled name is already a signature the signer can adopt as it stands.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => report('typed', initialName, null), []);

  return (
    <Stack gap={6}>
      <SegmentedControl
        value={kind}
        aria-label={t('signature.how')}
        onChange={(v) => {
          setKind(v as 'typed' | 'drawn');
          report(v as 'typed' | 'drawn', name, image);
        }}
        data={[
          { value: 'typed', label: t('signature.type') },
          { value: 'drawn', label: t('signature.draw') },
        ]}
      />
      {kind === 'typed' ? (
        <TextInput
          label={t('signature.typedLabel')}
          description={help}
          value={name}
          onChange={(e) => {
            setName(e.currentTarget.value);
            report('typed', e.currentTarget.value, image);
          }}
          maxLength={120}
          styles={{ input: { fontFamily: 'cursive', fontSize: 22 } }}
        />
      ) : (
        <SignaturePad
          label={t('signature.drawnLabel')}
          onChange={(img) => {
            setImage(img);
            report('drawn', name, img);
          }}
        />
      )}
    </Stack>
  );
}
