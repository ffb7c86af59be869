import { Button, type ButtonProps } from '@mantine/core';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { t } from '../../i18n/t';

type Props = { active: boolean } & ButtonProps & Omit<ComponentPropsWithoutRef<'button'>, keyof ButtonProps>;

/** The "Admin ▾" header button: the target of the Admin menu, and its stand-in while the menu loads. */
export const AdminMenuButton = forwardRef<HTMLButtonElement, Props>(function AdminMenuButton({ active, ...rest }, ref) {
  return (
    <Button ref={ref} variant={active ? 'light' : 'subtle'} c={active ? 'blue.9' : 'gray.8'} px="sm" rightSection={<span aria-hidden="true">▾</span>} {...rest}>
      {t('nav.adminMenu')}
    </Button>
  );
});
