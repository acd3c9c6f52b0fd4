import { zodResolver } from "@hookform/resolvers/zod";
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useForm } from "react-hook-form";
import { ErrorPage } from "~/components/error-page";
import { FormError, TextField, ValidatedForm } from "~/components/form-fields";
import { throttledMessage } from "~/domain/login-throttle";
import { beginSignInAttempt, recordSignInSuccess } from "~/models/login-throttle.server";
import { verifyLogin } from "~/models/user.server";
import { LoginFormSchema, type LoginForm } from "~/schemas/login-form-schema";
import { toFieldErrors, type FieldErrors } from "~/schemas/form-errors";
import { getUser, safeRedirect, signIn } from "~/utils/session.server";
import { readFormData } from "~/utils/read-form.server";

const WRONG_CREDENTIALS = "That email and password don't match an active account.";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = LoginFormSchema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) return json({ errors: toFieldErrors(parsed.error) as FieldErrors }, { status: 400 });
  // Throttled per client and account before the password is even looked at (see decideSignIn), so
  // a right password gets the same 429 as a wrong one; an unknown email is throttled like a real one.
  const attempt = beginSignInAttempt({ email: parsed.data.email, client: context.clientAddress ?? "" });
  if (!attempt.allowed) {
    return json(
      { errors: { form: throttledMessage(attempt.retryAfterSeconds) } as FieldErrors },
      { status: 429, headers: { "Retry-After": String(attempt.retryAfterSeconds) } },
    );
  }
  const user = await verifyLogin(parsed.data.email, parsed.data.password);
  if (!user) return json({ errors: { form: WRONG_CREDENTIALS } as FieldErrors }, { status: 401 });
  recordSignInSuccess(attempt.attemptId);
  return signIn(request, user.id, safeRedirect(parsed.data.redirectTo ?? null));
}

// A document response (a sign-in without JavaScript) takes its headers from here, not from the
// action's response: pass a throttled sign-in's Retry-After on.
export const headers: HeadersFunction = ({ parentHeaders, actionHeaders }) => {
  const headers = new Headers(parentHeaders);
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

export const meta: MetaFunction = () => [{ title: "Sign in · Panel Scorecard" }];

export default function LoginPage() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<LoginForm>({ resolver: zodResolver(LoginFormSchema), mode: "onTouched" });
  const serverErrors = actionData?.errors ?? {};
  const fieldError = (name: keyof LoginForm) => errors[name]?.message ?? serverErrors[name];

  return (
    <main className="page narrow login">
      <h1>Panel Scorecard</h1>
      <p className="muted">Sign in to score your interviews.</p>
      <ValidatedForm handleSubmit={handleSubmit} className="card stack">
        <FormError message={serverErrors.form} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <TextField
          label="Email"
          type="email"
          autoComplete="username"
          autoFocus
          error={fieldError("email")}
          {...register("email")}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          error={fieldError("password")}
          {...register("password")}
        />
        <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Signing in…" : "Sign in"}
        </button>
      </ValidatedForm>
    </main>
  );
}

export const ErrorBoundary = ErrorPage;
