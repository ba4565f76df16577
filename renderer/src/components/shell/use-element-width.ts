// The width of an element as it changes, for layouts that depend on the room
// a component has rather than on the window's width.
import { onBeforeUnmount, onMounted, shallowRef } from 'vue';
import type { Ref } from 'vue';

export function useElementWidth(element: Readonly<Ref<HTMLElement | null>>): Readonly<Ref<number>> {
  const width = shallowRef(0);
  let observer: ResizeObserver | null = null;
  onMounted(() => {
    observer = new ResizeObserver((entries) => {
      for (const entry of entries) width.value = entry.contentRect.width;
    });
    if (element.value) {
      width.value = element.value.clientWidth;
      observer.observe(element.value);
    }
  });
  onBeforeUnmount(() => observer?.disconnect());
  return width;
}
