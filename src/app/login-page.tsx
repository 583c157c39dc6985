import { useLogin } from "@refinedev/core";
import { Alert, Button, Card, Form, Input, Layout, Typography } from "antd";

interface Credentials {
  email: string;
  password: string;
}

/**
 * Email and password sign-in through the auth provider (Refine's useLogin). Its own lazy
 * chunk: the form's inputs stay out of the JavaScript every signed-in page loads first.
 */
export function LoginPage({ title }: { title: string }) {
  const { mutate: login, isPending, data, error } = useLogin<Credentials>();
  // A refused sign-in resolves with success false (Refine also shows it as a notification);
  // a failed request rejects. Either stays above the button until the next attempt.
  const failure = isPending ? undefined : data && !data.success ? data.error : error;
  return (
    <Layout style={{ minHeight: "100vh", alignItems: "center", justifyContent: "center" }}>
      <Card style={{ width: 400, maxWidth: "calc(100vw - 32px)" }}>
        <Typography.Title level={3} style={{ textAlign: "center", marginTop: 0 }}>
          {title}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: "center" }}>
          Sign in to your account
        </Typography.Paragraph>
        <Form<Credentials> layout="vertical" requiredMark={false} onFinish={(values) => login(values)}>
          <Form.Item
            label="Email"
            name="email"
            rules={[{ required: true, type: "email", message: "Enter the email you sign in with" }]}
          >
            <Input autoComplete="email" autoFocus />
          </Form.Item>
          <Form.Item label="Password" name="password" rules={[{ required: true, message: "Enter your password" }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {failure ? (
            <Alert type="error" showIcon role="alert" message={failure.message} style={{ marginBottom: 16 }} />
          ) : null}
          <Button type="primary" htmlType="submit" block loading={isPending}>
            Sign in
          </Button>
        </Form>
      </Card>
    </Layout>
  );
}
