import { isPrivateWebhookHost } from './webhook-target';

describe('isPrivateWebhookHost', () => {
  it.each([
    'http://127.0.0.1:8080/h', 'http://localhost/h', 'http://10.1.2.3/h', 'http://172.16.0.1/h', 'http://172.31.255.1/h', 'http://192.168.1.1/h',
    'http://169.254.169.254/latest', 'http://[::1]/h', 'http://[fd00::1]/h', 'http://[::ffff:127.0.0.1]/h', 'http://order-service:3001/h',
    'http://metadata.google.internal/', 'http://printer.local/', 'http://100.64.0.1/', 'not a url',
  ])('refuses %s', (url) => expect(isPrivateWebhookHost(url)).toBe(true));

  it.each(['https://app.example.com/hooks', 'https://172.32.0.1/h', 'https://8.8.8.8/h', 'https://[2001:db8::1]/h'])('allows %s', (url) =>
    expect(isPrivateWebhookHost(url)).toBe(false),
  );
});
