import { describe, expect, it } from 'vitest';
import { looksSecret } from '../../src/plan/secret.js';

describe('looksSecret', () => {
  const secret = [
    'password', 'passwordHash', 'hashedPassword', 'password_hash', 'passwordhash', 'passwd', 'pwd', 'hash', 'fileHash',
    'token', 'accessToken', 'refresh_token', 'resetToken', 'sessionToken', 'secret', 'clientSecret', 'secretAnswer',
    'apiKey', 'api_key', 'APIKey', 'apikey', 'privateKey', 'private_key', 'salt', 'otp', 'otpCode', 'totpSecret', 'mfaSecret',
    'recoveryCodes', 'recovery_code', 'backupCodes', 'session', 'currentGQLSession', 'credentials', 'credential', 'contentHash',
  ];
  const notSecret = [
    'email', 'name', 'title', 'authorId', 'hashtag', 'hashtags', 'footprint', 'tokenizer',
    // counts and metadata about a secret, not the secret itself
    'tokenCount', 'tokensUsed', 'inputTokens', 'maxTokens', 'completion_tokens', 'passwordUpdatedAt', 'passwordChangedAt',
    'hasPassword', 'isMfaEnabled', 'mfaEnabled', 'tokenExpiresAt', 'sessionCount', 'otpVerified', 'sessionDuration',
    // references to secret-holding rows are foreign keys, not secrets
    'sessionId', 'tokenId', 'apiKeyId', 'personalAccessTokenId', 'session_id',
  ];
  it.each(secret)('%s looks secret', (name) => expect(looksSecret(name)).toBe(true));
  it.each(notSecret)('%s does not', (name) => expect(looksSecret(name)).toBe(false));
});
