import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { ConflictAlert } from '../../../components/conflict-alert';
import { ProblemAlert } from '../../../components/problem-alert';
import { t, type MessageKey } from '../../../i18n/t';
import '../messages.en';
import '../../../i18n/shared.en';
import { isProblem } from '../../../lib/api-client';
import { describeFieldProblems } from '../../../lib/field-problems';
import { paths } from '../../../lib/paths';
import type { Offer } from '../api/offer';
import { manualEvents, useOfferEvent, useSubmitOffer, type ManualEvent } from '../api/offer-actions';
import { ReasonModal } from './reason-modal';

interface Props {
  offer: Offer;
  /** Called after any change so the page can refresh what it composes around the offer (the journal). */
  onChanged: () => void;
  onReload: () => void;
  /** The organisation has no template library, so the recruiter marks the packet ready by hand. */
  packetByHand: boolean;
}

export function OfferActions({ offer, onChanged, onReload, packetByHand }: Props) {
  const submit = useSubmitOffer();
  const event = useOfferEvent();
  const [confirmSubmit, setConfirmSubmit] = useState(false);
  const [pendingEvent, setPendingEvent] = useState<ManualEvent | null>(null);
  // A rescind the policy sends for approval leaves the offer where it is: say so, or the click looks lost.
  const [rescindAsked, setRescindAsked] = useState(false);

  const isDraft = offer.status === 'draft';
  const canSubmit = isDraft && offer.allowedEvents.includes('submit');
  const events = manualEvents.filter((e) => offer.allowedEvents.includes(e));
  const canMarkPacketReady = packetByHand && offer.status === 'drafting' && offer.allowedEvents.includes('packet_ready');
  const error = submit.error ?? event.error;

  const reset = () => {
    submit.reset();
    event.reset();
  };

  return (
    <Stack gap="sm">
      {canMarkPacketReady && (
        <Group gap="sm" wrap="wrap">
          <Button
            loading={event.isPending && event.variables?.type === 'packet_ready'}
            onClick={() => {
              reset();
              event.mutate({ offer, type: 'packet_ready' }, { onSettled: onChanged });
            }}
          >
            {t('approvals.packetReady')}
          </Button>
          <Text size="sm" c="gray.8">
            {t('approvals.packetReadyHint')}
          </Text>
        </Group>
      )}
      <Group gap="sm">
        {canSubmit && (
          <Button
            onClick={() => {
              reset();
              setConfirmSubmit(true);
            }}
          >
            {t('action.submit')}
          </Button>
        )}
        {isDraft && (
          <Button component={Link} to={paths.editOffer(offer.id)} variant="default">
            {t('action.edit')}
          </Button>
        )}
        {events.map((e) => (
          <Button
            key={e}
            variant="outline"
            color={e === 'verbal_accept' ? undefined : 'red.8'}
            onClick={() => {
              reset();
              setPendingEvent(e);
            }}
          >
            {t(`action.${e}` as MessageKey)}
          </Button>
        ))}
      </Group>

      {rescindAsked && (
        <Alert color="orange" variant="light" role="status" title={t('action.rescindPendingTitle')} withCloseButton closeButtonLabel={t('action.close')} onClose={() => setRescindAsked(false)}>
          {t('action.rescindPendingBody')}
        </Alert>
      )}
      {error &&
        (isProblem(error) && error.isConflict ? (
          <ConflictAlert
            onReload={() => {
              reset();
              onReload();
            }}
          />
        ) : (
          <ProblemAlert
            error={error}
            detail={isProblem(error) && error.fieldErrors.length ? describeFieldProblems(error.fieldErrors) : undefined}
          />
        ))}

      <Modal opened={confirmSubmit} onClose={() => setConfirmSubmit(false)} title={t('action.confirmSubmitTitle')} centered>
        <Stack>
          <Text size="sm">{t('action.confirmSubmitBody')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmSubmit(false)}>
              {t('action.back')}
            </Button>
            <Button
              loading={submit.isPending}
              data-autofocus
              onClick={() =>
                submit.mutate(offer, {
                  onSettled: () => {
                    setConfirmSubmit(false);
                    onChanged();
                  },
                })
              }
            >
              {t('action.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>

      <ReasonModal
        key={pendingEvent ?? 'none'}
        event={pendingEvent}
        busy={event.isPending}
        onClose={() => setPendingEvent(null)}
        onConfirm={(reason) =>
          pendingEvent &&
          event.mutate(
            { offer, type: pendingEvent, reason: reason || undefined },
            {
              onSuccess: (moved) => setRescindAsked(pendingEvent === 'rescind' && moved.status !== 'rescinded'),
              onSettled: () => {
                setPendingEvent(null);
                onChanged();
              },
            },
          )
        }
      />
    </Stack>
  );
}
