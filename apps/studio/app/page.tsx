import { StudioApp } from './studio-app';

export default function Page() {
  return <StudioApp />;
}
