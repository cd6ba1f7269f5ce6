/** Crisis help resources, per region. Shown calmly, never as a diagnosis. */
import type { HelpResource } from './contracts';
import type { HelpResources } from './pipeline';

const INTERNATIONAL: HelpResource = {
  name: 'Find a Helpline (international directory)',
  contact: 'findahelpline.com',
  description: 'Free, confidential helplines in more than 130 countries.',
  url: 'https://findahelpline.com',
};

const BY_REGION: Record<string, HelpResource[]> = {
  US: [
    { name: '988 Suicide & Crisis Lifeline', contact: 'Call or text 988', description: 'Free and confidential, 24/7, in the US.', url: 'https://988lifeline.org' },
    { name: 'Crisis Text Line', contact: 'Text HOME to 741741', description: 'Text with a trained crisis counselor, 24/7.', url: 'https://www.crisistextline.org' },
    { name: 'Emergency services', contact: 'Call 911', description: 'If you or someone else is in immediate danger.' },
  ],
  UK: [
    { name: 'Samaritans', contact: 'Call 116 123', description: 'Free, any time, from any phone in the UK and Ireland.', url: 'https://www.samaritans.org' },
    { name: 'Shout', contact: 'Text SHOUT to 85258', description: 'Free, confidential text support, 24/7.' },
    { name: 'Emergency services', contact: 'Call 999', description: 'If you or someone else is in immediate danger.' },
  ],
  IE: [
    { name: 'Samaritans', contact: 'Call 116 123', description: 'Free, any time, from any phone in Ireland.', url: 'https://www.samaritans.org' },
    { name: 'Emergency services', contact: 'Call 112 or 999', description: 'If you or someone else is in immediate danger.' },
  ],
  CA: [
    { name: '9-8-8 Suicide Crisis Helpline', contact: 'Call or text 988', description: 'Free, 24/7, in Canada.', url: 'https://988.ca' },
    { name: 'Emergency services', contact: 'Call 911', description: 'If you or someone else is in immediate danger.' },
  ],
  AU: [
    { name: 'Lifeline', contact: 'Call 13 11 14', description: 'Crisis support, 24/7, in Australia.', url: 'https://www.lifeline.org.au' },
    { name: 'Emergency services', contact: 'Call 000', description: 'If you or someone else is in immediate danger.' },
  ],
};

const FALLBACK_EMERGENCY: HelpResource = {
  name: 'Emergency services',
  contact: 'Call your local emergency number (112 in much of the world)',
  description: 'If you or someone else is in immediate danger.',
};

export const helpResources: HelpResources = {
  forRegion(region = 'US') {
    const local = BY_REGION[region.toUpperCase()] ?? [FALLBACK_EMERGENCY];
    return [...local, INTERNATIONAL];
  },
};

export const SUPPORTED_REGIONS = Object.keys(BY_REGION);
