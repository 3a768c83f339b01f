import { openPrivacy } from '../../main/privacy/index.ts';

/**
 * A person who has already read the privacy notice and agreed, as an adult: what every test that is not
 * about the first run starts from (the camera stays off in a data folder where nobody has answered yet).
 */
export async function agreeToPrivacyNotice(dataDir: string, options: { minor?: boolean } = {}): Promise<void> {
  const privacy = openPrivacy(dataDir);
  try {
    privacy.decide({ accept: true, locale: 'en' });
    await privacy.setAge(options.minor ?? false);
  } finally {
    privacy.close();
  }
}
