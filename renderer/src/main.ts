// Renderer entry: Vue 3 with Vuetify and Pinia.
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { vuetify } from './plugins/vuetify';

createApp(App).use(createPinia()).use(vuetify).mount('#app');
