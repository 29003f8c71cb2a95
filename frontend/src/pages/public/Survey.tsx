export default function Survey() {
  return <div>TODO Survey</div>;
}
