export default function Health() {
  return <div>TODO Health</div>;
}
